//! Nothing the API sends is lost (issue 15, item 1): a response decoded by the SDK and encoded
//! again is the JSON the API sent, properties this version does not know and integers in
//! `number` fields included, and the unknown properties are there for users to read.

use scenario_sdk::models::{DryRunResponse, Job, ModelResponse};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Decodes `json` as `T`, checks that encoding gives `json` back, and returns the value.
fn round_trip<T: DeserializeOwned + Serialize>(json: &Value, what: &str) -> T {
    let decoded: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{what} does not decode: {e}"));
    let encoded = serde_json::to_value(&decoded).unwrap();
    if &encoded != json {
        panic!(
            "{what} changed on a round trip:\n{}",
            differences(json, &encoded, "").join("\n")
        );
    }
    decoded
}

/// Where two JSON values differ, by JSON pointer.
fn differences(a: &Value, b: &Value, at: &str) -> Vec<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter()
                .flat_map(|k| match (x.get(k), y.get(k)) {
                    (Some(v), Some(w)) => differences(v, w, &format!("{at}/{k}")),
                    (v, w) => vec![format!("{at}/{k}: {v:?} became {w:?}")],
                })
                .collect()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .flat_map(|(i, (v, w))| differences(v, w, &format!("{at}/{i}")))
            .collect(),
        _ if a == b => Vec::new(),
        _ => vec![format!("{at}: {a} became {b}")],
    }
}

/// The recorded `GET /models/{id}` answers: ours in `schema/models/`, and the API's own in
/// `../shared/models/` when that folder is beside the checkout (a fresh clone has only ours).
fn recorded_models() -> Vec<(String, Value)> {
    let mut found = Vec::new();
    let shared = tests::shared().join("models");
    let folders = [
        Some(tests::root().join("schema/models")),
        shared.is_dir().then_some(shared),
    ];
    for folder in folders.into_iter().flatten() {
        let mut files: Vec<_> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            found.push((
                path.display().to_string(),
                serde_json::from_str(&text).unwrap(),
            ));
        }
    }
    found
}

#[test]
fn recorded_model_answers_round_trip_unchanged() {
    let recorded = recorded_models();
    let folders = if tests::shared().join("models").is_dir() {
        2
    } else {
        1
    };
    assert!(
        recorded.len() >= 8 * folders,
        "the eight records of each folder"
    );
    for (file, json) in &recorded {
        round_trip::<ModelResponse>(json, file);
    }
}

#[test]
fn unknown_properties_are_readable_and_written_back() {
    // `costDetails` is on every dry-run answer and the schema does not list it.
    let dry_run = json!({
        "creativeUnitsCost": 2048,
        "creativeUnitsDiscount": 0.5,
        "costDetails": {"base": 2000, "options": [{"name": "hd", "cost": 48}]}
    });
    let decoded: DryRunResponse = round_trip(&dry_run, "a dry-run answer");
    assert_eq!(decoded.creative_units_cost, 2048.0);
    assert_eq!(
        decoded.additional_properties["costDetails"]["base"],
        json!(2000)
    );
    // Nested: `billing.cuCostDetails` of a job, and a property the API adds to the job itself.
    let job = json!({
        "jobId": "job_1",
        "jobType": "flux",
        "status": "success",
        "progress": 1,
        "metadata": {"input": {"prompt": "a castle"}, "assetIds": ["asset_1"], "someNewFlag": true},
        "statusHistory": [{"date": "2024-01-31T12:00:00Z", "status": "success"}],
        "createdAt": "2024-01-31T12:00:00Z",
        "updatedAt": "2024-01-31T12:00:00Z",
        "billing": {"cuCost": 12, "cuDiscount": 0, "cuCostDetails": {"steps": 28}},
        "region": "eu"
    });
    let decoded: Job = round_trip(&job, "a job");
    assert_eq!(decoded.progress, 1.0);
    assert_eq!(decoded.additional_properties["region"], json!("eu"));
    let billing = decoded.billing.expect("billing");
    assert_eq!(
        billing.additional_properties["cuCostDetails"],
        json!({"steps": 28})
    );
    assert_eq!(
        decoded.metadata.additional_properties["someNewFlag"],
        json!(true)
    );
}

#[test]
fn numbers_keep_their_integer_or_decimal_form() {
    for cost in [
        json!(2048),
        json!(2048.5),
        json!(0),
        json!(-3),
        json!(1e300),
    ] {
        let answer = json!({"creativeUnitsCost": cost});
        round_trip::<DryRunResponse>(&answer, &format!("a cost of {cost}"));
    }
}

//! How the client is set up, for the target being generated: the credentials `Client::new`
//! takes and the environment variables `Client::from_env` reads (named after the package), and
//! the job model of an API whose generations run as jobs.

use heck::ToShoutySnakeCase;

use super::Problem;
use crate::ir::*;
use crate::target::Target;

pub fn set_up(api: &mut Api, target: &Target) -> Result<(), Problem> {
    api.credentials = credentials(api.auth.first(), target);
    api.job_model = match &target.job_model {
        None => None,
        Some(wire) => Some(
            api.types
                .iter()
                .position(|t| &t.name.wire == wire)
                .map(TypeId)
                .ok_or_else(|| Problem {
                    pointer: "/components/schemas".into(),
                    message: format!(
                        "`{}` waits on jobs of the schema `{wire}`, which the description does not define",
                        target.crate_name
                    ),
                })?,
        ),
    };
    Ok(())
}

fn credentials(auth: Option<&Auth>, target: &Target) -> Credentials {
    let prefix = target.crate_name.to_shouty_snake_case();
    let credential = |arg: &str, suffix: &str, doc: &str| Credential {
        arg: arg.into(),
        constant: format!("ENV_{suffix}"),
        variable: format!("{prefix}_{suffix}"),
        doc: format!(" The environment variable [`Client::from_env`] reads {doc} from."),
    };
    let (list, sentence, method, fixed_arg) = match auth {
        Some(Auth::Basic { .. }) => (
            vec![
                credential("api_key", "API_KEY", "the API key"),
                credential("api_secret", "API_SECRET", "the API secret"),
            ],
            "HTTP Basic: an API key and its secret".to_string(),
            Some("credentials"),
            None,
        ),
        Some(Auth::Bearer { .. }) => (
            vec![credential("token", "TOKEN", "the bearer token")],
            "a bearer token (`Authorization: Bearer ...`)".to_string(),
            Some("bearer_token"),
            None,
        ),
        Some(Auth::ApiKeyHeader { header, .. }) => (
            vec![credential("api_key", "API_KEY", "the API key")],
            format!("an API key sent in the `{header}` header"),
            Some("api_key_header"),
            Some(header.clone()),
        ),
        None => (Vec::new(), "no credentials".to_string(), None, None),
    };
    Credentials {
        list,
        sentence,
        method: method.map(str::to_string),
        fixed_arg,
        env_base_url: format!("{prefix}_BASE_URL"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{api, structure};
    use super::*;

    #[test]
    fn variables_are_named_after_the_package() {
        let mut api = api(Vec::new());
        api.auth = vec![Auth::Basic {
            scheme: "basic".into(),
        }];
        set_up(&mut api, &Target::new("scenario-sdk", "s.yaml")).unwrap();
        let variables: Vec<&str> = api
            .credentials
            .list
            .iter()
            .map(|c| c.variable.as_str())
            .collect();
        assert_eq!(
            variables,
            ["SCENARIO_SDK_API_KEY", "SCENARIO_SDK_API_SECRET"]
        );
        assert_eq!(api.credentials.env_base_url, "SCENARIO_SDK_BASE_URL");
        assert_eq!(api.credentials.method.as_deref(), Some("credentials"));
    }

    #[test]
    fn a_job_model_the_description_lacks_is_a_problem_not_a_json_value() {
        let mut target = Target::new("jobs", "s.yaml");
        target.job_model = Some("Job".into());
        let mut without = api(vec![structure("Pet", &[])]);
        let problem = set_up(&mut without, &target).unwrap_err();
        assert!(problem.message.contains("`Job`"), "{}", problem.message);
        let mut with = api(vec![structure("Pet", &[]), structure("Job", &[])]);
        set_up(&mut with, &target).unwrap();
        assert_eq!(with.job_model, Some(TypeId(1)));
        assert_eq!(with.runtime_parts(), [RuntimePart::Jobs]);
    }

    #[test]
    fn an_api_without_jobs_has_no_job_errors() {
        let mut api = api(vec![structure("Job", &[])]);
        set_up(&mut api, &Target::new("pets", "p.yaml")).unwrap();
        assert_eq!(api.job_model, None);
        assert!(api.runtime_parts().is_empty());
    }
}

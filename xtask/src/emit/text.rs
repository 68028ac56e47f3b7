//! The crate's text files, rendered from `templates/` with values computed here: the templates
//! only interpolate.

use minijinja::{Environment, context};
use serde::Serialize;

use super::docs::{markdown, one_line};
use crate::ir::{Api, Resource, RuntimePart};
use crate::target::Target;

const CARGO_TOML: &str = include_str!("../../../templates/Cargo.toml.j2");
const README: &str = include_str!("../../../templates/README.md.j2");

/// One row of the README's table of operations.
#[derive(Serialize)]
struct Row {
    call: String,
    http: String,
    summary: String,
}

fn rows(api: &Api) -> Vec<Row> {
    fn walk(r: &Resource, prefix: &str, out: &mut Vec<Row>) {
        let here = format!("{prefix}.{}()", r.name.ident().code());
        for op in &r.operations {
            out.push(Row {
                call: format!("{here}.{}()", op.name.ident().code()),
                http: format!("{} {}", op.method.as_str(), op.path),
                summary: one_line(op.summary.as_deref().unwrap_or_default()),
            });
        }
        r.children.iter().for_each(|c| walk(c, &here, out));
    }
    let mut out = Vec::new();
    api.resources
        .iter()
        .for_each(|r| walk(r, "client", &mut out));
    out
}

fn render(name: &str, source: &str, ctx: minijinja::Value) -> String {
    let mut env = Environment::new();
    env.set_keep_trailing_newline(true);
    env.add_template(name, source)
        .unwrap_or_else(|e| panic!("templates/{name} does not parse: {e}"));
    let tmpl = env.get_template(name).expect("just added");
    tmpl.render(ctx)
        .unwrap_or_else(|e| panic!("templates/{name} does not render: {e}"))
}

pub fn cargo_toml(api: &Api, target: &Target, header: &str) -> String {
    // A TOML basic string: JSON's escapes are TOML's.
    let description = serde_json::to_string(&api.crate_description).expect("a string serializes");
    render(
        "Cargo.toml.j2",
        CARGO_TOML,
        context! {
            header => header,
            description => description,
            crate_name => target.crate_name,
            version => target.version,
        },
    )
}

pub fn readme(api: &Api, target: &Target, header: &str) -> String {
    let c = &api.credentials;
    render(
        "README.md.j2",
        README,
        context! {
            header => header,
            crate_name => target.crate_name,
            lib_name => target.crate_name.replace('-', "_"),
            title => one_line(&api.title),
            description => markdown(api.doc.as_deref().unwrap_or_default().trim()),
            base_url => api.base_url,
            auth => c.sentence,
            env_credentials => c.list.iter().map(|c| format!("`{}`", c.variable)).collect::<Vec<_>>().join(" and "),
            env_base_url => c.env_base_url,
            rows => rows(api),
            usage => target.usage.as_deref().map(str::trim),
            jobs => api.runtime_parts().contains(&RuntimePart::Jobs),
        },
    )
}

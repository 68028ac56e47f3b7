//! `Client::from_env` reads the documented variables. One test in its own binary, so that no
//! other test reads the environment while this one changes it.

use scenario_sdk::{Client, ENV_API_KEY, ENV_API_SECRET, ENV_BASE_URL, Error};

#[test]
fn from_env_reads_key_secret_and_base_url() {
    assert_eq!(
        (ENV_API_KEY, ENV_API_SECRET, ENV_BASE_URL),
        (
            "SCENARIO_SDK_API_KEY",
            "SCENARIO_SDK_API_SECRET",
            "SCENARIO_SDK_BASE_URL"
        )
    );
    // SAFETY: this binary runs this one test, on one thread; nothing else reads the environment.
    unsafe {
        std::env::remove_var(ENV_API_KEY);
        std::env::remove_var(ENV_API_SECRET);
        std::env::remove_var(ENV_BASE_URL);
    }
    match Client::from_env() {
        Err(Error::Config(m)) => assert!(m.contains(ENV_API_KEY), "{m}"),
        other => panic!("expected a config error, got {other:?}"),
    }
    unsafe {
        std::env::set_var(ENV_API_KEY, "key");
        std::env::set_var(ENV_API_SECRET, "very-secret");
    }
    let client = Client::from_env().unwrap();
    assert_eq!(client.base_url(), "https://api.cloud.scenario.com/v1");
    assert!(!format!("{client:?}").contains("very-secret"));
    unsafe { std::env::set_var(ENV_BASE_URL, "http://127.0.0.1:9/v2/") };
    assert_eq!(
        Client::from_env().unwrap().base_url(),
        "http://127.0.0.1:9/v2"
    );
}

//! Archived copies of dead entries, from the Wayback Machine's
//! availability API (`https://archive.org/wayback/available?url=...&timestamp=YYYYMMDD`,
//! or any API answering the same JSON): the snapshot closest to the
//! entry's year, named only once the snapshot itself answers 200.

use std::time::Duration;

use futures::StreamExt;
use reqwest::Url;

use super::check::USER_AGENT;

/// What to look up: a dead URL and the year its entry gives.
pub type Lookup = (String, Option<u16>);

/// Each lookup's URL with its checked snapshot, or `None` when the API has
/// none, its answer cannot be read, or the snapshot does not answer 200.
pub fn snapshots(
    lookups: &[Lookup],
    api: &str,
    timeout: Duration,
    concurrency: usize,
) -> Result<Vec<(String, Option<String>)>, String> {
    let runtime = super::check::runtime()?;
    let client = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .build()
        .map_err(|e| format!("could not set up HTTP: {e}"))?;
    let api = Url::parse(api).map_err(|e| format!("the archive API `{api}` is not a URL: {e}"))?;
    let (client, api) = (&client, &api);
    Ok(runtime.block_on(
        futures::stream::iter(lookups)
            .map(|lookup| async move { (lookup.0.clone(), snapshot(client, api, lookup).await) })
            .buffer_unordered(concurrency.max(1))
            .collect(),
    ))
}

/// The API's request for `lookup`: the URL, and the middle of its year.
pub fn request(api: &Url, lookup: &Lookup) -> Url {
    let mut url = api.clone();
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("url", &lookup.0);
        if let Some(year) = lookup.1 {
            query.append_pair("timestamp", &format!("{year:04}0701"));
        }
    }
    url
}

async fn snapshot(client: &reqwest::Client, api: &Url, lookup: &Lookup) -> Option<String> {
    let answer = client.get(request(api, lookup)).send().await.ok()?;
    if !answer.status().is_success() {
        return None;
    }
    let json: serde_json::Value = answer.json().await.ok()?;
    let found = closest(&json)?;
    let page = client.get(found.as_str()).send().await.ok()?;
    (page.status().as_u16() == 200).then_some(found)
}

/// The closest snapshot in the API's answer, when it says one is
/// available with status 200; the Wayback Machine's own `http://` address
/// is given as `https://`.
pub fn closest(json: &serde_json::Value) -> Option<String> {
    let closest = &json["archived_snapshots"]["closest"];
    let available = closest["available"].as_bool().unwrap_or(false);
    let status = match &closest["status"] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let url = closest["url"].as_str()?;
    if !available || status != "200" || Url::parse(url).is_err() {
        return None;
    }
    Some(match url.strip_prefix("http://web.archive.org/") {
        Some(rest) => format!("https://web.archive.org/{rest}"),
        None => url.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_asks_for_the_entrys_year() {
        let api = Url::parse("https://archive.org/wayback/available").unwrap();
        let lookup: Lookup = ("https://a.example/p?q=1".into(), Some(2019));
        assert_eq!(
            request(&api, &lookup).as_str(),
            "https://archive.org/wayback/available?url=https%3A%2F%2Fa.example%2Fp%3Fq%3D1&timestamp=20190701"
        );
        let undated: Lookup = (lookup.0, None);
        assert!(!request(&api, &undated).as_str().contains("timestamp"));
    }

    #[test]
    fn only_an_available_200_snapshot_is_taken() {
        let answer = |snapshot: serde_json::Value| {
            closest(&serde_json::json!({"url": "a", "archived_snapshots": {"closest": snapshot}}))
        };
        assert_eq!(
            answer(serde_json::json!({"status": "200", "available": true,
                "url": "http://web.archive.org/web/20190701/https://a.example/p", "timestamp": "20190701"})),
            Some("https://web.archive.org/web/20190701/https://a.example/p".into())
        );
        assert_eq!(
            answer(
                serde_json::json!({"status": "404", "available": true, "url": "http://web.archive.org/web/1/x"})
            ),
            None
        );
        assert_eq!(
            answer(
                serde_json::json!({"status": "200", "available": false, "url": "http://web.archive.org/web/1/x"})
            ),
            None
        );
        assert_eq!(
            closest(&serde_json::json!({"archived_snapshots": {}})),
            None
        );
    }
}

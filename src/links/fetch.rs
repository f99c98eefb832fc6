//! `add --fetch`: read the page an entry links to and propose its title
//! and year, each with where it was found. One GET for the page and one
//! for its oEmbed document, with reqwest (lychee's own HTTP client).

use std::time::Duration;

use reqwest::Url;

use super::check::USER_AGENT;
use super::metadata;
pub use super::Fetched;

/// The most of a page that is read: titles and dates are in the head.
const MAX_BODY: usize = 4 << 20;

/// Fetches `url` and reads what it says about itself. An error when the
/// page could not be fetched at all (its words are what the user is told).
pub fn fetch(url: &str, current_year: u16, timeout: Duration) -> Result<Fetched, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the network runtime: {e}"))?;
    runtime.block_on(fetch_async(url, current_year, timeout))
}

async fn fetch_async(url: &str, current_year: u16, timeout: Duration) -> Result<Fetched, String> {
    let client = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .build()
        .map_err(|e| format!("could not set up HTTP: {e}"))?;
    let page_url = Url::parse(url).map_err(|e| format!("`{url}` is not a URL: {e}"))?;
    let known = known_oembed(&page_url);
    let page = get(&client, page_url.clone()).await;
    let mut fetched = Fetched::default();
    let mut discovered = None;
    let page_error = match page {
        Ok(html) => {
            let facts = metadata::read(&html, current_year);
            fetched.title = facts.title;
            fetched.year = facts.year;
            fetched.video = facts.video;
            discovered = facts.oembed.and_then(|href| page_url.join(&href).ok());
            None
        }
        Err(e) => Some(e),
    };
    // YouTube's and Vimeo's own titles come from oEmbed; elsewhere the
    // oEmbed document fills only what the page left out.
    let video_host = known.is_some();
    if let Some(endpoint) = known.or(discovered) {
        if video_host || fetched.title.is_none() || fetched.year.is_none() {
            if let Ok(json) = get(&client, endpoint).await {
                let (title, year) = metadata::read_oembed(&json, current_year);
                if video_host || fetched.title.is_none() {
                    fetched.title = title.or(fetched.title);
                }
                fetched.year = fetched.year.or(year);
                fetched.video |= json.contains("\"type\":\"video\"") || video_host;
            }
        }
    }
    match page_error {
        Some(e) if fetched == Fetched::default() => Err(e),
        _ => Ok(fetched),
    }
}

/// The oEmbed endpoint of the video hosts that have one at a known place.
fn known_oembed(page: &Url) -> Option<Url> {
    let host = page
        .host_str()?
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    let endpoint = match host {
        "youtube.com" | "youtu.be" => "https://www.youtube.com/oembed?format=json",
        "vimeo.com" => "https://vimeo.com/api/oembed.json",
        _ => return None,
    };
    Url::parse_with_params(endpoint, [("url", page.as_str())]).ok()
}

/// The body of a successful GET, at most [`MAX_BODY`] bytes of it.
async fn get(client: &reqwest::Client, url: Url) -> Result<String, String> {
    let mut response = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| format!("could not fetch {url}: {}", describe(&e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{url} answered {status}"));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| format!("could not read {url}: {}", describe(&e)))?
    {
        body.extend_from_slice(&chunk);
        if body.len() >= MAX_BODY {
            break;
        }
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// An error and its sources, for a person.
fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = super::check::sources(e)
        .map(|err| err.to_string())
        .collect();
    parts.dedup();
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_hosts_have_their_oembed_endpoints() {
        let yt = Url::parse("https://www.youtube.com/watch?v=abc").unwrap();
        assert_eq!(
            known_oembed(&yt).unwrap().as_str(),
            "https://www.youtube.com/oembed?format=json&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3Dabc"
        );
        let vimeo = Url::parse("https://vimeo.com/123").unwrap();
        assert!(known_oembed(&vimeo)
            .unwrap()
            .as_str()
            .starts_with("https://vimeo.com/api/oembed.json?url="));
        assert_eq!(
            known_oembed(&Url::parse("https://blog.example/p").unwrap()),
            None
        );
    }
}

//! JSON-RPC messages over a byte stream, framed as the Language Server
//! Protocol frames them (`Content-Length: N\r\n\r\n` then N bytes of JSON).
//!
//! This is ours rather than `lsp-server`'s because the editor's stream is
//! input like any other: `lsp-server`'s reader allocates whatever
//! `Content-Length` says before reading a byte (a bogus header aborts the
//! process) and ends the server at the first malformed message. Here a
//! frame is read as far as its bytes go, a message over [`MAX_MESSAGE`] is
//! skipped, and a malformed one is answered and the server goes on.

use std::io::{self, BufRead, Read, Write};

use serde_json::Value;

/// The largest message read: a 50 MB document sent whole, escaped, fits.
pub const MAX_MESSAGE: usize = 256 << 20;

/// The longest header line read; longer is not a header.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// One message from the client, as far as JSON-RPC says what it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    Request {
        id: Value,
        method: String,
        params: Value,
    },
    Notification {
        method: String,
        params: Value,
    },
    /// An answer to a request of ours (we send none that wait for one).
    Response,
    /// Not a message: answered with this JSON-RPC error code and reason
    /// (`id` is null when it could not be read).
    Invalid {
        id: Value,
        code: i32,
        why: String,
    },
}

/// JSON-RPC's error codes.
pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;
pub const METHOD_NOT_FOUND: i32 = -32601;
pub const INVALID_PARAMS: i32 = -32602;
pub const SERVER_NOT_INITIALIZED: i32 = -32002;
pub const REQUEST_FAILED: i32 = -32803;

/// Reads the next message; `None` at the end of the stream (or when it
/// ends inside a frame).
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut any = false;
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any {
                break;
            }
            continue;
        }
        any = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse().map_err(|_| value.trim().to_owned()));
            }
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(value)) => {
            return Ok(Some(invalid(format!(
                "Content-Length `{value}` is no number"
            ))))
        }
        None => return Ok(Some(invalid("a header without Content-Length".into()))),
    };
    if length > MAX_MESSAGE {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(None);
        }
        return Ok(Some(invalid(format!(
            "a message of {length} bytes, over the limit of {MAX_MESSAGE}"
        ))));
    }
    let mut body = Vec::with_capacity(length.min(1 << 20));
    input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(parse(&body)))
}

fn invalid(why: String) -> Incoming {
    Incoming::Invalid {
        id: Value::Null,
        code: PARSE_ERROR,
        why,
    }
}

/// What one frame's JSON says it is.
pub fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid(format!("not JSON: {e}")),
    };
    let Value::Object(mut object) = value else {
        return Incoming::Invalid {
            id: Value::Null,
            code: INVALID_REQUEST,
            why: "a message is a JSON object".into(),
        };
    };
    let id = object.remove("id");
    let params = object.remove("params").unwrap_or(Value::Null);
    match (object.remove("method"), id) {
        (Some(Value::String(method)), Some(id)) if id.is_string() || id.is_number() => {
            Incoming::Request { id, method, params }
        }
        (Some(Value::String(method)), None) => Incoming::Notification { method, params },
        (Some(Value::String(_)), Some(_)) => Incoming::Invalid {
            id: Value::Null,
            code: INVALID_REQUEST,
            why: "a request's id is a number or a string".into(),
        },
        (None, Some(_)) if object.contains_key("result") || object.contains_key("error") => {
            Incoming::Response
        }
        (_, id) => Incoming::Invalid {
            id: id.unwrap_or(Value::Null),
            code: INVALID_REQUEST,
            why: "a message without a method".into(),
        },
    }
}

/// Writes one message, framed.
pub fn write(out: &mut (impl Write + ?Sized), message: &Value) -> io::Result<()> {
    let text = message.to_string();
    write!(out, "Content-Length: {}\r\n\r\n", text.len())?;
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// A response carrying `result`.
pub fn response(id: &Value, result: Value) -> Value {
    serde_json::json!({"jsonrpc": "2.0", "id": id, "result": result})
}

/// A response carrying an error.
pub fn error(id: &Value, code: i32, message: &str) -> Value {
    serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// A notification from the server.
pub fn notification(method: &str, params: Value) -> Value {
    serde_json::json!({"jsonrpc": "2.0", "method": method, "params": params})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8]) -> Vec<Incoming> {
        let mut input = io::BufReader::new(bytes);
        let mut out = Vec::new();
        while let Some(m) = read(&mut input).unwrap() {
            out.push(m);
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn requests_notifications_and_responses_are_told_apart() {
        let text = frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
            + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#)
            + &frame(r#"{"jsonrpc":"2.0","id":"a","result":null}"#);
        let got = frames(text.as_bytes());
        assert_eq!(
            got,
            [
                Incoming::Request {
                    id: 1.into(),
                    method: "shutdown".into(),
                    params: Value::Null
                },
                Incoming::Notification {
                    method: "exit".into(),
                    params: Value::Null
                },
                Incoming::Response,
            ]
        );
    }

    #[test]
    fn what_is_not_a_message_is_answered_and_the_stream_goes_on() {
        let mut text = frame("{not json").into_bytes();
        text.extend(frame("[1, 2]").into_bytes());
        text.extend(b"Content-Length: 4\r\n\r\n\xff\xfe\"\"");
        text.extend(b"Content-Length: lots\r\n\r\n");
        text.extend(frame(r#"{"id":{"x":1},"method":"m"}"#).into_bytes());
        text.extend(frame(r#"{"jsonrpc":"2.0","method":"exit"}"#).into_bytes());
        let got = frames(&text);
        let codes: Vec<Option<i32>> = got
            .iter()
            .map(|m| match m {
                Incoming::Invalid { code, .. } => Some(*code),
                _ => None,
            })
            .collect();
        assert_eq!(
            codes,
            [
                Some(PARSE_ERROR),
                Some(INVALID_REQUEST),
                Some(PARSE_ERROR),
                Some(PARSE_ERROR),
                Some(INVALID_REQUEST),
                None
            ]
        );
    }

    #[test]
    fn a_length_the_stream_cannot_hold_ends_it_without_allocating_it() {
        let text = b"Content-Length: 99999999999999\r\n\r\n{}";
        assert_eq!(frames(text), []);
        let text = b"Content-Length: 10\r\n\r\n{}";
        assert_eq!(frames(text), [], "cut short");
    }
}

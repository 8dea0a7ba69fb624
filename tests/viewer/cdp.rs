//! A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: JSON
//! messages separated by NUL bytes on file descriptors 3 (to the browser) and 4 (from
//! it). No websocket, no npm; a reader thread and timeouts keep a stuck browser from
//! hanging the test run.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Where Chromium is: `$NEWSGRAPH_CHROMIUM`, `/usr/bin/chromium`, or `chromium` on PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NEWSGRAPH_CHROMIUM") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("chromium"), d.join("chromium-browser")])
        .find(|p| p.is_file())
}

pub struct Browser {
    child: Child,
    to: ChildStdin,
    from: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
    /// Every event received so far (console messages, exceptions, requests...).
    pub events: Vec<Value>,
}

impl Browser {
    /// Starts a headless Chromium with a fresh profile in `profile`, its log in `log`.
    pub fn launch(chromium: &Path, profile: &Path, log: &Path) -> Browser {
        let log = std::fs::File::create(log).expect("create chromium log");
        // The shell moves our pipes to fds 3 and 4, where --remote-debugging-pipe wants them.
        let mut child = Command::new("/bin/sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>&2")
            .arg(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--mute-audio",
                "--window-size=1280,800",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start chromium");
        let to = child.stdin.take().expect("chromium stdin");
        let out = child.stdout.take().expect("chromium stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(out);
            loop {
                let mut buf = Vec::new();
                match reader.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if buf.last() == Some(&0) {
                            buf.pop();
                        }
                        match serde_json::from_slice::<Value>(&buf) {
                            Ok(v) => {
                                if tx.send(v).is_err() {
                                    break;
                                }
                            }
                            Err(_) => continue,
                        }
                    }
                }
            }
        });
        Browser {
            child,
            to,
            from: rx,
            next_id: 0,
            session: None,
            events: Vec::new(),
        }
    }

    fn raw_send(&mut self, method: &str, params: Value, session: bool) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if session {
            if let Some(s) = &self.session {
                msg["sessionId"] = json!(s);
            }
        }
        let mut bytes = serde_json::to_vec(&msg).map_err(|e| e.to_string())?;
        bytes.push(0);
        self.to
            .write_all(&bytes)
            .and_then(|_| self.to.flush())
            .map_err(|e| format!("{method}: writing to chromium: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(v) => {
                    if v.get("id").and_then(Value::as_u64) == Some(id) {
                        if let Some(err) = v.get("error") {
                            return Err(format!("{method}: {err}"));
                        }
                        return Ok(v.get("result").cloned().unwrap_or(Value::Null));
                    }
                    if v.get("method").is_some() {
                        self.events.push(v);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!("{method}: no answer in 120 s"));
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("{method}: chromium closed the pipe"));
                }
            }
        }
    }

    /// Sends a command to the page session.
    pub fn send(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.raw_send(method, params, true)
    }

    /// Opens a blank page, attaches to it and turns on the event domains.
    pub fn open_page(&mut self, width: u32, height: u32) -> Result<(), String> {
        let target = self.raw_send("Target.createTarget", json!({"url": "about:blank"}), false)?;
        let target_id = target["targetId"]
            .as_str()
            .ok_or("no targetId")?
            .to_string();
        let attached = self.raw_send(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
            false,
        )?;
        self.session = Some(
            attached["sessionId"]
                .as_str()
                .ok_or("no sessionId")?
                .to_string(),
        );
        for domain in [
            "Runtime.enable",
            "Log.enable",
            "Page.enable",
            "Network.enable",
        ] {
            self.send(domain, json!({}))?;
        }
        self.send(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(())
    }

    /// Waits for an event named `method` (already received or arriving within `timeout`).
    pub fn wait_event(&mut self, method: &str, timeout: Duration) -> Result<Value, String> {
        if let Some(e) = self.events.iter().find(|e| e["method"] == method) {
            return Ok(e.clone());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(v) => {
                    let hit = v["method"] == method;
                    self.events.push(v.clone());
                    if hit {
                        return Ok(v);
                    }
                }
                Err(_) => return Err(format!("no {method} within {timeout:?}")),
            }
        }
    }

    /// Evaluates `expr` in the page (promises awaited) and returns its value.
    pub fn eval(&mut self, expr: &str) -> Result<Value, String> {
        let r = self.send(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            return Err(format!("{expr}: {ex}"));
        }
        Ok(r["result"]["value"].clone())
    }

    pub fn mouse(&mut self, kind: &str, x: f64, y: f64) -> Result<(), String> {
        let mut p = json!({"type": kind, "x": x, "y": y, "button": "none", "buttons": 0});
        if kind != "mouseMoved" {
            p["button"] = json!("left");
            p["buttons"] = json!(1);
            p["clickCount"] = json!(1);
        }
        self.send("Input.dispatchMouseEvent", p).map(|_| ())
    }

    pub fn click(&mut self, x: f64, y: f64) -> Result<(), String> {
        self.mouse("mouseMoved", x, y)?;
        self.mouse("mousePressed", x, y)?;
        self.mouse("mouseReleased", x, y)
    }

    /// Lets the page run its animation frames.
    pub fn settle(&mut self, ms: u64) -> Result<(), String> {
        self.eval(&format!(
            "new Promise(r => setTimeout(() => requestAnimationFrame(() => r(true)), {ms}))"
        ))
        .map(|_| ())
    }

    /// Problems the page reported: uncaught exceptions, console errors, error log entries.
    pub fn page_errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str() {
                Some("Runtime.exceptionThrown") => out.push(format!(
                    "uncaught: {}",
                    p["exceptionDetails"]["exception"]["description"]
                        .as_str()
                        .unwrap_or_else(|| p["exceptionDetails"]["text"].as_str().unwrap_or("?"))
                )),
                Some("Runtime.consoleAPICalled")
                    if matches!(p["type"].as_str(), Some("error" | "assert" | "warning")) =>
                {
                    out.push(format!("console.{}: {}", p["type"], p["args"]));
                }
                Some("Log.entryAdded") if p["entry"]["level"] == "error" => {
                    out.push(format!("log: {}", p["entry"]["text"]));
                }
                _ => {}
            }
        }
        out
    }

    /// URLs the page requested that are not the file itself (there should be none).
    pub fn outside_requests(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str())
            .filter(|u| {
                !(u.starts_with("file:") || u.starts_with("data:") || u.starts_with("about:"))
            })
            .map(String::from)
            .collect()
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&mut self) -> Result<Vec<u8>, String> {
        use base64::Engine as _;
        let r = self.send("Page.captureScreenshot", json!({"format": "png"}))?;
        let data = r["data"].as_str().ok_or("no screenshot data")?;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| e.to_string())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.raw_send("Browser.close", json!({}), false);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

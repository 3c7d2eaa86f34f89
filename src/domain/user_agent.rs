//! "Firefox on Linux" from a User-Agent header, for the sessions page. Only the families people
//! recognise; anything else is shown as "Unknown browser". Order matters: Edge and Opera also
//! say Chrome, and Chrome also says Safari.

const BROWSERS: &[(&str, &str)] = &[
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("HeadlessChrome/", "Chrome (headless)"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
];

const SYSTEMS: &[(&str, &str)] = &[
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
];

/// The browser and the operating system a User-Agent names, as far as we recognise them.
/// Their names are proper nouns: pages put them into their own language's sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Device {
    pub browser: Option<&'static str>,
    pub os: Option<&'static str>,
}

pub fn device(ua: Option<&str>) -> Device {
    let ua = ua.unwrap_or("");
    Device {
        browser: BROWSERS.iter().find(|(m, _)| ua.contains(m)).map(|(_, n)| *n),
        os: SYSTEMS.iter().find(|(m, _)| ua.contains(m)).map(|(_, n)| *n),
    }
}

/// "Browser on OS", "Browser" or "Unknown browser", in English (for exports and logs).
pub fn describe_user_agent(ua: Option<&str>) -> String {
    let Device { browser, os } = device(ua);
    match (browser, os) {
        (Some(b), Some(o)) => format!("{b} on {o}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(o)) => format!("Unknown browser on {o}"),
        (None, None) => "Unknown browser".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_user_agent as d;

    #[test]
    fn common_agents() {
        assert_eq!(
            d(Some(
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
            )),
            "Firefox on Linux"
        );
        assert_eq!(
            d(Some(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0"
            )),
            "Edge on Windows"
        );
        assert_eq!(
            d(Some(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
            )),
            "Safari on iOS"
        );
        assert_eq!(
            d(Some(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
            )),
            "Chrome on macOS"
        );
        assert_eq!(d(None), "Unknown browser");
    }
}

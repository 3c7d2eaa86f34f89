//! The operator's brand, as configured: product name, colours (checked for WCAG AA contrast
//! before the server starts), logo, favicon, an extra stylesheet and footer links.
//! `crate::brand` reads the files and serves them.

use std::path::PathBuf;

use super::{ConfigError, FileConfig, bad};

/// WCAG 2.x level AA for normal text (success criterion 1.4.3).
pub const AA_TEXT: f64 = 4.5;

/// A colour in sRGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
    /// The pages' text colour (`--fg` in portcullis.css).
    pub const TEXT: Rgb = Rgb(0x1b, 0x1f, 0x24);
    /// The dark scheme's card and text (`--card`, `--bg` in its `@media` block).
    pub const DARK_CARD: Rgb = Rgb(0x16, 0x1b, 0x22);
    pub const DARK_BG: Rgb = Rgb(0x0d, 0x11, 0x17);

    /// `#rgb` or `#rrggbb`, as CSS writes them.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    /// Relative luminance (WCAG 2.x definition).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `self` moved `share` (0..=1) of the way towards `other`.
    pub fn mix(self, other: Rgb, share: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * share).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// Of `candidates`, the one that reads best on `self`.
    pub fn best_text(self, candidates: [Rgb; 2]) -> Rgb {
        let [a, b] = candidates;
        if self.contrast(a) >= self.contrast(b) {
            a
        } else {
            b
        }
    }

    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colours pages use in place of the defaults, each pair checked for contrast.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// Links, buttons and focus rings on the white card.
    pub accent: Rgb,
    /// Button text on `accent`.
    pub accent_text: Rgb,
    /// The page around the card (light scheme).
    pub background: Rgb,
    /// Text written on `background` (the footer).
    pub background_text: Rgb,
    /// `accent` lightened until it reads on the dark scheme's card.
    pub dark_accent: Rgb,
    pub dark_accent_text: Rgb,
}

impl Palette {
    /// Checks the brand colours; `None` for each that was left unset (the default).
    pub fn new(primary: Option<&str>, background: Option<&str>) -> Result<Palette, ConfigError> {
        let colour = |value: Option<&str>, setting: &'static str, default: Rgb| match value {
            None => Ok(default),
            Some(v) => Rgb::parse(v).ok_or_else(|| {
                bad(
                    setting,
                    format!("{v:?} is not a CSS hex colour (write #rrggbb, e.g. #1f5fbf)"),
                )
            }),
        };
        let accent = colour(primary, "PORTCULLIS_BRAND_PRIMARY_COLOR", Rgb(0x1f, 0x5f, 0xbf))?;
        let background = colour(
            background,
            "PORTCULLIS_BRAND_BACKGROUND_COLOR",
            Rgb(0xf4, 0xf5, 0xf7),
        )?;
        let ratio = accent.contrast(Rgb::WHITE);
        if ratio < AA_TEXT {
            return Err(bad(
                "PORTCULLIS_BRAND_PRIMARY_COLOR",
                format!(
                    "{} on the white card has a contrast of {ratio:.1}:1; links and buttons need \
                     {AA_TEXT}:1 (WCAG AA), so choose a darker shade",
                    accent.css()
                ),
            ));
        }
        let background_text = background.best_text([Rgb::TEXT, Rgb::WHITE]);
        let ratio = background.contrast(background_text);
        if ratio < AA_TEXT {
            return Err(bad(
                "PORTCULLIS_BRAND_BACKGROUND_COLOR",
                format!(
                    "text on {} reaches only {ratio:.1}:1, in dark or light; the footer needs \
                     {AA_TEXT}:1 (WCAG AA)",
                    background.css()
                ),
            ));
        }
        // In the dark scheme the brand colour stays recognisable: the same hue, lightened in
        // small steps until it reads on the dark card (white always does, so this ends).
        let dark_accent = (0..=20)
            .map(|step| accent.mix(Rgb::WHITE, f64::from(step) / 20.0))
            .find(|c| c.contrast(Rgb::DARK_CARD) >= AA_TEXT)
            .unwrap_or(Rgb::WHITE);
        Ok(Palette {
            accent,
            accent_text: accent.best_text([Rgb::WHITE, Rgb::TEXT]),
            background,
            background_text,
            dark_accent,
            dark_accent_text: dark_accent.best_text([Rgb::DARK_BG, Rgb::WHITE]),
        })
    }
}

/// A footer link: the message that labels it and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterLink {
    /// `footer-privacy`, `footer-terms`, `footer-imprint` or `footer-support`.
    pub label: &'static str,
    pub href: String,
}

#[derive(Debug, Clone, Default)]
pub struct BrandSettings {
    /// The product name; `None` leaves "Portcullis".
    pub name: Option<String>,
    /// `None` when neither colour was set: the stylesheet's own palette (with its dark scheme).
    pub palette: Option<Palette>,
    pub logo_file: Option<PathBuf>,
    pub favicon_file: Option<PathBuf>,
    pub stylesheet_file: Option<PathBuf>,
    pub footer: Vec<FooterLink>,
}

/// A setting's value, when it is set to something other than blanks.
fn set(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl BrandSettings {
    pub fn from_file(f: &FileConfig) -> Result<BrandSettings, ConfigError> {
        let primary = set(&f.brand_primary_color);
        let background = set(&f.brand_background_color);
        let palette = match (primary, background) {
            (None, None) => None,
            _ => Some(Palette::new(primary, background)?),
        };
        let mut footer = vec![];
        for (label, setting, value) in [
            (
                "footer-privacy",
                "PORTCULLIS_BRAND_PRIVACY_URL",
                &f.brand_privacy_url,
            ),
            ("footer-terms", "PORTCULLIS_BRAND_TERMS_URL", &f.brand_terms_url),
            (
                "footer-imprint",
                "PORTCULLIS_BRAND_IMPRINT_URL",
                &f.brand_imprint_url,
            ),
            (
                "footer-support",
                "PORTCULLIS_BRAND_SUPPORT_URL",
                &f.brand_support_url,
            ),
        ] {
            if let Some(href) = set(value) {
                footer.push(FooterLink {
                    label,
                    href: footer_href(setting, href)?,
                });
            }
        }
        let name = set(&f.brand_name).map(str::to_owned);
        if name.as_ref().is_some_and(|n| n.chars().count() > 64) {
            return Err(bad("PORTCULLIS_BRAND_NAME", "must be at most 64 characters"));
        }
        Ok(BrandSettings {
            name,
            palette,
            logo_file: f.brand_logo_file.clone(),
            favicon_file: f.brand_favicon_file.clone(),
            stylesheet_file: f.brand_stylesheet_file.clone(),
            footer,
        })
    }
}

/// An https (or http) page, or a `mailto:` address for support.
fn footer_href(setting: &'static str, href: &str) -> Result<String, ConfigError> {
    match url::Url::parse(href) {
        Ok(u) if matches!(u.scheme(), "https" | "http" | "mailto") => Ok(u.to_string()),
        _ => Err(bad(
            setting,
            format!("{href:?} is not an https:// URL or a mailto: address"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        // Black on white is the maximum, 21:1; a colour against itself is 1:1.
        assert!((Rgb(0, 0, 0).contrast(Rgb::WHITE) - 21.0).abs() < 0.01);
        assert!((Rgb::WHITE.contrast(Rgb::WHITE) - 1.0).abs() < 0.01);
        // #767676 is the lightest grey that passes AA on white (4.54:1); #777777 fails (4.48:1).
        assert!(Rgb::parse("#767676").unwrap().contrast(Rgb::WHITE) >= AA_TEXT);
        assert!(Rgb::parse("#777").unwrap().contrast(Rgb::WHITE) < AA_TEXT);
    }

    #[test]
    fn colours_are_css_hex() {
        assert_eq!(Rgb::parse("#1F5FBF"), Some(Rgb(0x1f, 0x5f, 0xbf)));
        assert_eq!(Rgb::parse("#abc"), Some(Rgb(0xaa, 0xbb, 0xcc)));
        for bad in ["1f5fbf", "#1f5fb", "#ggg", "blue", "#1f5fbf00", "", "#+f+f+f"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_palette_failing_aa_is_refused_naming_the_setting() {
        let e = Palette::new(Some("#ffcc00"), None).unwrap_err().to_string();
        assert!(
            e.contains("PORTCULLIS_BRAND_PRIMARY_COLOR") && e.contains("4.5:1"),
            "{e}"
        );
        let e = Palette::new(Some("#777777"), None).unwrap_err().to_string();
        assert!(e.contains("PORTCULLIS_BRAND_PRIMARY_COLOR"), "{e}");
        let e = Palette::new(Some("blue"), None).unwrap_err().to_string();
        assert!(e.contains("hex colour"), "{e}");
        assert!(Palette::new(Some("#767676"), None).is_ok());
    }

    #[test]
    fn every_colour_pair_a_palette_uses_reads_in_light_and_dark() {
        for (primary, background) in [
            ("#0b6e4f", "#ffffff"),
            ("#6d28d9", "#1e1b4b"),
            ("#1f5fbf", "#f4f5f7"),
            ("#000000", "#888888"),
        ] {
            let p = Palette::new(Some(primary), Some(background)).unwrap();
            assert!(p.accent.contrast(Rgb::WHITE) >= AA_TEXT, "{primary}");
            assert!(p.accent.contrast(p.accent_text) >= AA_TEXT, "{primary}");
            assert!(
                p.background.contrast(p.background_text) >= AA_TEXT,
                "{background}"
            );
            assert!(p.dark_accent.contrast(Rgb::DARK_CARD) >= AA_TEXT, "{primary}");
            assert!(p.dark_accent.contrast(p.dark_accent_text) >= AA_TEXT, "{primary}");
        }
        // Mid grey: neither dark nor white text reaches 4.5:1 on it.
        let e = Palette::new(None, Some("#777777")).unwrap_err().to_string();
        assert!(e.contains("PORTCULLIS_BRAND_BACKGROUND_COLOR"), "{e}");
        // A dark background gets light footer text.
        let p = Palette::new(None, Some("#1e1b4b")).unwrap();
        assert_eq!(p.background_text, Rgb::WHITE);
    }

    #[test]
    fn footer_links_are_web_pages_or_mail() {
        let f = FileConfig {
            brand_privacy_url: Some("https://example.com/privacy".into()),
            brand_support_url: Some("mailto:help@example.com".into()),
            ..FileConfig::default()
        };
        let b = BrandSettings::from_file(&f).unwrap();
        assert_eq!(
            b.footer.iter().map(|l| l.label).collect::<Vec<_>>(),
            ["footer-privacy", "footer-support"]
        );
        let f = FileConfig {
            brand_terms_url: Some("javascript:alert(1)".into()),
            ..FileConfig::default()
        };
        let e = BrandSettings::from_file(&f).unwrap_err().to_string();
        assert!(e.contains("PORTCULLIS_BRAND_TERMS_URL"), "{e}");
    }
}

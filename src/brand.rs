//! The operator's brand at run time: the logo, favicon and extra stylesheet, read once at
//! start-up and served from our own origin (the pages' CSP allows nothing else), and a theme
//! stylesheet made from the checked palette (`config::brand`).

use std::path::Path;

use axum::body::Bytes;

use crate::config::brand::{BrandSettings, FooterLink, Palette};
use crate::crypto::secrets::sha256_hex;

/// Images and stylesheets larger than this are a mistake (a full-size photo as a logo).
const MAX_FILE: usize = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum BrandError {
    #[error("{setting}: {path}: {message}")]
    File {
        setting: &'static str,
        path: String,
        message: String,
    },
}

/// A file served at `/brand/{name}`.
#[derive(Debug)]
pub struct BrandFile {
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: Bytes,
    /// A hash of the body: URLs carry it, so the file may be cached for a year.
    version: String,
}

#[derive(Debug, Default)]
pub struct Brand {
    name: Option<String>,
    footer: Vec<FooterLink>,
    files: Vec<BrandFile>,
}

impl Brand {
    pub fn load(s: &BrandSettings) -> Result<Brand, BrandError> {
        let mut files = vec![];
        if let Some(p) = &s.palette {
            files.push(file(
                "theme.css",
                "text/css; charset=utf-8",
                theme(p).into_bytes(),
            ));
        }
        if let Some(path) = &s.stylesheet_file {
            let body = read(path, "PORTCULLIS_BRAND_STYLESHEET_FILE")?;
            files.push(file("custom.css", "text/css; charset=utf-8", body));
        }
        for (name, setting, path) in [
            ("logo", "PORTCULLIS_BRAND_LOGO_FILE", &s.logo_file),
            ("favicon", "PORTCULLIS_BRAND_FAVICON_FILE", &s.favicon_file),
        ] {
            if let Some(path) = path {
                let body = read(path, setting)?;
                let content_type = image_type(&body).ok_or_else(|| BrandError::File {
                    setting,
                    path: path.display().to_string(),
                    message: "not a PNG, JPEG, WebP, SVG or ICO image".into(),
                })?;
                files.push(file(name, content_type, body));
            }
        }
        Ok(Brand {
            name: s.name.clone(),
            footer: s.footer.clone(),
            files,
        })
    }

    /// The product name, when the operator set one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    pub fn footer(&self) -> &[FooterLink] {
        &self.footer
    }

    pub fn file(&self, name: &str) -> Option<&BrandFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// `/brand/{name}?v=…` when the operator provided that file.
    pub fn url(&self, name: &str) -> Option<String> {
        self.file(name)
            .map(|f| format!("/brand/{}?v={}", f.name, f.version))
    }
}

fn file(name: &'static str, content_type: &'static str, body: Vec<u8>) -> BrandFile {
    BrandFile {
        name,
        content_type,
        version: sha256_hex(&body)[..12].to_owned(),
        body: body.into(),
    }
}

fn read(path: &Path, setting: &'static str) -> Result<Vec<u8>, BrandError> {
    let fail = |message: String| BrandError::File {
        setting,
        path: path.display().to_string(),
        message,
    };
    let body = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    if body.len() > MAX_FILE {
        return Err(fail(format!("larger than {} KiB", MAX_FILE / 1024)));
    }
    Ok(body)
}

/// The image type, from the file's first bytes (never from its name).
fn image_type(body: &[u8]) -> Option<&'static str> {
    let head = &body[..body.len().min(512)];
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some("image/webp")
    } else if head.starts_with(b"\x00\x00\x01\x00") {
        Some("image/x-icon")
    } else if String::from_utf8_lossy(head).contains("<svg") {
        Some("image/svg+xml")
    } else {
        None
    }
}

/// The palette as CSS custom properties, over those of `portcullis.css`.
fn theme(p: &Palette) -> String {
    format!(
        ":root {{ --accent: {}; --accent-fg: {}; --bg: {}; --bg-fg: {}; }}\n\
         @media (prefers-color-scheme: dark) {{ :root {{ --accent: {}; --accent-fg: {}; --bg: #0d1117; --bg-fg: #e6edf3; }} }}\n",
        p.accent.css(),
        p.accent_text.css(),
        p.background.css(),
        p.background_text.css(),
        p.dark_accent.css(),
        p.dark_accent_text.css(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_bytes_not_their_names() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(
            image_type(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Some("image/svg+xml")
        );
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"<html><script>alert(1)</script>"), None);
        assert_eq!(image_type(b""), None);
    }

    #[test]
    fn files_get_versioned_urls_and_a_palette_a_theme() {
        let dir = tempfile::tempdir().unwrap();
        let logo = dir.path().join("logo.svg");
        std::fs::write(&logo, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
        let s = BrandSettings {
            name: Some("Acme".into()),
            palette: Some(Palette::new(Some("#0b6e4f"), None).unwrap()),
            logo_file: Some(logo),
            ..BrandSettings::default()
        };
        let b = Brand::load(&s).unwrap();
        assert!(b.url("logo").unwrap().starts_with("/brand/logo?v="));
        assert!(b.url("favicon").is_none());
        let theme = String::from_utf8(b.file("theme.css").unwrap().body.to_vec()).unwrap();
        assert!(theme.contains("--accent: #0b6e4f"), "{theme}");

        let not_image = dir.path().join("logo.png");
        std::fs::write(&not_image, "hello").unwrap();
        let s = BrandSettings {
            logo_file: Some(not_image),
            ..BrandSettings::default()
        };
        let e = Brand::load(&s).unwrap_err().to_string();
        assert!(e.contains("PORTCULLIS_BRAND_LOGO_FILE"), "{e}");
    }
}

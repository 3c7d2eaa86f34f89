//! A client's logo as operators upload it: PNG, JPEG, WebP or SVG, small. The type is read
//! from the bytes themselves, never from a file name, so the `Content-Type` we serve is true.

/// The largest logo accepted: enough for a crisp 512 px image, small enough to keep in the
/// database and serve from every node.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;

/// A logo checked by [`ClientLogo::from_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientLogo {
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    #[error("the logo is empty")]
    Empty,
    #[error("the logo is {0} bytes; at most 256 KiB (262144 bytes) is accepted")]
    TooLarge(usize),
    #[error("the logo is not a PNG, JPEG, WebP or SVG image")]
    UnknownType,
}

impl ClientLogo {
    pub fn from_bytes(body: Vec<u8>) -> Result<ClientLogo, LogoError> {
        if body.is_empty() {
            return Err(LogoError::Empty);
        }
        if body.len() > MAX_LOGO_BYTES {
            return Err(LogoError::TooLarge(body.len()));
        }
        let content_type = sniff(&body).ok_or(LogoError::UnknownType)?;
        Ok(ClientLogo { content_type, body })
    }
}

/// The image type by its magic bytes; SVG (text) by an `<svg` element near the start, after
/// an optional byte-order mark, XML declaration, comments or doctype.
fn sniff(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("image/jpeg");
    }
    if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    let head = &b[..b.len().min(4096)];
    let text = std::str::from_utf8(head).ok().or_else(|| {
        // The 4 KiB cut may split a character: judge what is whole.
        std::str::from_utf8(&head[..head.len().saturating_sub(3)]).ok()
    })?;
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let starts_svg_document = text.starts_with("<?xml")
        || text.starts_with("<!--")
        || text.starts_with("<!DOCTYPE")
        || text.starts_with("<svg");
    (starts_svg_document && text.to_ascii_lowercase().contains("<svg")).then_some("image/svg+xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_bytes() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        assert_eq!(ClientLogo::from_bytes(png).unwrap().content_type, "image/png");
        let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10];
        assert_eq!(ClientLogo::from_bytes(jpeg).unwrap().content_type, "image/jpeg");
        let webp = b"RIFF\x24\0\0\0WEBPVP8 ".to_vec();
        assert_eq!(ClientLogo::from_bytes(webp).unwrap().content_type, "image/webp");
        let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec();
        assert_eq!(ClientLogo::from_bytes(svg).unwrap().content_type, "image/svg+xml");
    }

    #[test]
    fn other_files_empty_and_large_ones_are_refused() {
        assert_eq!(ClientLogo::from_bytes(Vec::new()), Err(LogoError::Empty));
        assert_eq!(
            ClientLogo::from_bytes(b"GIF89a....".to_vec()),
            Err(LogoError::UnknownType)
        );
        assert_eq!(
            ClientLogo::from_bytes(b"<html><svg></svg></html>".to_vec()),
            Err(LogoError::UnknownType)
        );
        let big = [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0; MAX_LOGO_BYTES]].concat();
        assert_eq!(
            ClientLogo::from_bytes(big.clone()),
            Err(LogoError::TooLarge(big.len()))
        );
        let exact = [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0; MAX_LOGO_BYTES - 8]].concat();
        assert!(ClientLogo::from_bytes(exact).is_ok());
    }
}

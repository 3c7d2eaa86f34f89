//! The enrolment QR code, rendered by the server as SVG so the page needs no script and no
//! third party sees the secret.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Smallest side of the image, in CSS pixels: scannable from a laptop screen.
const MIN_SIDE: u32 = 200;

/// `data` as an inline SVG: an `<svg>` element made of `<path>`s only, with no XML prolog, so
/// the page can put it in its markup. `None` when `data` is too long for a QR code.
///
/// Safe to inline: the renderer writes fixed markup around numbers and the two colours given
/// here; `data` becomes modules, never text.
pub fn svg(data: &str) -> Option<String> {
    // Level M (15% redundancy) keeps an otpauth URI in a small, easily scanned symbol.
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(MIN_SIDE, MIN_SIDE)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    // The XML declaration means nothing inside HTML.
    let start = image.find("<svg")?;
    Some(image[start..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_a_bare_svg_element_without_script_or_text() {
        let uri = "otpauth://totp/Acme%20%3Cscript%3E:me%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme";
        let image = svg(uri).unwrap();
        assert!(image.starts_with("<svg"), "{}", &image[..40]);
        assert!(image.trim_end().ends_with("</svg>"));
        let lower = image.to_lowercase();
        for unsafe_markup in [
            "<script",
            "<?xml",
            "<foreignobject",
            "<text",
            "href",
            "onload",
            "javascript:",
        ] {
            assert!(!lower.contains(unsafe_markup), "{unsafe_markup}");
        }
        // The data is drawn, never written out.
        assert!(!image.contains("JBSWY3DPEHPK3PXP") && !image.contains("otpauth"));
    }

    #[test]
    fn data_too_long_for_a_qr_code_is_refused() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}

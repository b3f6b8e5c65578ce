//! QR images of a pass: SVG for screens and print, PNG for downloading and sharing. Level Q, so a pass
//! still reads with a quarter of it scratched, creased or in glare.

use qrcode::{Color, EcLevel, QrCode};

#[derive(Debug, thiserror::Error)]
#[error("the pass does not fit a QR code: {0}")]
pub struct QrError(String);

fn code(token: &str) -> Result<QrCode, QrError> {
    QrCode::with_error_correction_level(token.as_bytes(), EcLevel::Q)
        .map_err(|e| QrError(e.to_string()))
}

/// The QR version (1–40) a token needs at level Q.
pub fn version(token: &str) -> Result<i16, QrError> {
    match code(token)?.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => Ok(v),
    }
}

pub fn svg(token: &str) -> Result<String, QrError> {
    Ok(code(token)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(256, 256)
        .quiet_zone(true)
        .build())
}

/// A black-on-white PNG with `scale` pixels per module and the standard four-module quiet zone.
pub fn png(token: &str, scale: usize) -> Result<Vec<u8>, QrError> {
    const QUIET: usize = 4;
    let code = code(token)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * scale;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (mx, my) = (i % modules + QUIET, i / modules + QUIET);
            for y in my * scale..(my + 1) * scale {
                pixels[y * side + mx * scale..y * side + (mx + 1) * scale].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    let size = u32::try_from(side).map_err(|e| QrError(e.to_string()))?;
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| QrError(e.to_string()))?;
    writer.write_image_data(&pixels).map_err(|e| QrError(e.to_string()))?;
    writer.finish().map_err(|e| QrError(e.to_string()))?;
    Ok(out)
}

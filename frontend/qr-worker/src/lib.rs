//! The checkpoint scanner's QR decoder for browsers without `BarcodeDetector` (Chromium on desktop Linux,
//! most iPhones): a camera frame in, the QR text out. It runs in a Web Worker (`/qr-worker.js`) so decoding
//! never blocks the page, and it is its own small WASM file, downloaded only by the scanner.

use wasm_bindgen::prelude::*;

/// Decodes the first readable QR code in an RGBA frame (as a canvas gives it), or None.
#[wasm_bindgen]
pub fn decode_rgba(rgba: &[u8], width: usize, height: usize) -> Option<String> {
    if width == 0 || height == 0 || rgba.len() < width * height * 4 {
        return None;
    }
    // ITU-R BT.601 luma in integers: the decoder only needs contrast.
    let luma: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 77 + u32::from(p[1]) * 150 + u32::from(p[2]) * 29) >> 8) as u8)
        .collect();
    decode_luma(&luma, width, height)
}

/// Decodes the first readable QR code in a greyscale frame, one byte per pixel, row by row.
pub fn decode_luma(luma: &[u8], width: usize, height: usize) -> Option<String> {
    if width == 0 || height == 0 || luma.len() < width * height {
        return None;
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    image.detect_grids().into_iter().find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A frame like a camera's: the code drawn `scale` pixels per module, off-centre on a grey page.
    fn frame(text: &str, scale: usize) -> (Vec<u8>, usize, usize) {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::Q).unwrap();
        let modules = code.width();
        let colors = code.to_colors();
        let (width, height) = (640, 480);
        let mut rgba = vec![200u8; width * height * 4];
        let (left, top) = (60, 30);
        for y in 0..(modules + 8) * scale {
            for x in 0..(modules + 8) * scale {
                let (mx, my) = ((x / scale) as isize - 4, (y / scale) as isize - 4);
                let dark = mx >= 0
                    && my >= 0
                    && (mx as usize) < modules
                    && (my as usize) < modules
                    && colors[my as usize * modules + mx as usize] == qrcode::Color::Dark;
                let v = if dark { 20 } else { 245 };
                let at = ((top + y) * width + left + x) * 4;
                rgba[at..at + 4].copy_from_slice(&[v, v, v, 255]);
            }
        }
        (rgba, width, height)
    }

    #[test]
    fn a_pass_sized_code_in_a_camera_frame_decodes_to_its_text() {
        let token = "ZP1:6BFOXN*TSMAVBQU9OAOFG3GTVH1-GMGZ1MN1A9PAZ7OP.85K2AGXH5U4P:0QKVBGBO:SMS6UJLNJDYF0H-KTQ$2KXLD8CU23Q2D5$9OHQSOGAP+JUBS-8ZW9H9B1O/J$CO99XXJ8AG+%I6Q9BP.HM4MD/O:MKE/KO3%0";
        let (rgba, w, h) = frame(token, 6);
        assert_eq!(decode_rgba(&rgba, w, h).as_deref(), Some(token));
    }

    #[test]
    fn an_empty_or_short_frame_decodes_to_nothing() {
        assert_eq!(decode_rgba(&[200; 640 * 480 * 4], 640, 480), None);
        assert_eq!(decode_rgba(&[0; 10], 640, 480), None);
        assert_eq!(decode_luma(&[], 0, 0), None);
    }
}

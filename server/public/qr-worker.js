// The checkpoint scanner's decoder, off the page's main thread. Frames arrive as RGBA pixels; the answer
// is the QR text or null. BarcodeDetector where the browser has one (Chrome on Android), otherwise
// ZonePass's own Rust decoder compiled to WASM (frontend/qr-worker).
let detector = null;
if ('BarcodeDetector' in self) {
  try {
    detector = new self.BarcodeDetector({ formats: ['qr_code'] });
  } catch (_) {
    detector = null;
  }
}
let decoder = null;
if (!detector) {
  importScripts('/scanner/qr_worker.js');
  decoder = wasm_bindgen({ module_or_path: '/scanner/qr_worker_bg.wasm' });
}

self.onmessage = async (event) => {
  const { id, width, height, pixels } = event.data;
  const started = performance.now();
  let text = null;
  try {
    if (detector) {
      const found = await detector.detect(new ImageData(new Uint8ClampedArray(pixels), width, height));
      text = found.length > 0 ? found[0].rawValue : null;
    } else {
      await decoder;
      text = wasm_bindgen.decode_rgba(new Uint8Array(pixels), width, height) ?? null;
    }
  } catch (_) {
    text = null;
  }
  self.postMessage({ id, text, ms: performance.now() - started });
};

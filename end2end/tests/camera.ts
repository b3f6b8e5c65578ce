// Fake-camera frames for Chromium (--use-file-for-fake-video-capture): a 640×480 one-frame Y4M showing a QR
// code the way a phone held at arm's length would see it, made from the app's own pass images.
import { writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;

/** The grey pixels of an 8-bit greyscale PNG, as the app's /api/v1/passes/{holder_key}/qr.png is. */
function greyPng(png: Buffer): { side: number; pixels: Uint8Array } {
  let at = 8;
  let side = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      side = body.readUInt32BE(0);
      if (body[8] !== 8 || body[9] !== 0) throw new Error('expected an 8-bit greyscale PNG');
    }
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixels = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    const filter = raw[y * (side + 1)];
    for (let x = 0; x < side; x++) {
      const byte = raw[y * (side + 1) + 1 + x];
      const left = x > 0 ? pixels[y * side + x - 1] : 0;
      const up = y > 0 ? pixels[(y - 1) * side + x] : 0;
      const corner = x > 0 && y > 0 ? pixels[(y - 1) * side + x - 1] : 0;
      let value = byte;
      if (filter === 1) value = byte + left;
      else if (filter === 2) value = byte + up;
      else if (filter === 3) value = byte + ((left + up) >> 1);
      else if (filter === 4) {
        const p = left + up - corner;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        value = byte + (pa <= pb && pa <= pc ? left : pb <= pc ? up : corner);
      }
      pixels[y * side + x] = value & 0xff;
    }
  }
  return { side, pixels };
}

type Drawing = (u: number, v: number) => boolean;

/** Y4M frames, each a drawing (true = dark) scaled into a 450-pixel square on a light grey page. Chromium
 * plays them in turn, ten a second, and starts again. */
function y4m(path: string, drawings: Drawing[]) {
  const box = 450;
  const [left, top] = [Math.floor((WIDTH - box) / 2), Math.floor((HEIGHT - box) / 2)];
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const parts = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`, 'ascii')];
  for (const dark of drawings) {
    const luma = Buffer.alloc(WIDTH * HEIGHT, 200);
    for (let y = 0; y < box; y++) {
      for (let x = 0; x < box; x++) {
        luma[(top + y) * WIDTH + left + x] = dark(x / box, y / box) ? 25 : 240;
      }
    }
    parts.push(Buffer.from('FRAME\n', 'ascii'), luma, chroma);
  }
  writeFileSync(path, Buffer.concat(parts));
}

/** The app's own QR image of a pass. */
export function drawPng(png: Buffer): Drawing {
  const { side, pixels } = greyPng(png);
  return (u, v) => pixels[Math.floor(v * side) * side + Math.floor(u * side)] < 128;
}

/** Any text as a QR code (level Q, like the app's): a pass altered after signing, or an ID card's QR. */
export function drawText(text: string): Drawing {
  const code = QRCode.create(text, { errorCorrectionLevel: 'Q' });
  const size = code.modules.size;
  const quiet = 4;
  const side = size + 2 * quiet;
  return (u, v) => {
    const [mx, my] = [Math.floor(u * side) - quiet, Math.floor(v * side) - quiet];
    return mx >= 0 && my >= 0 && mx < size && my < size && code.modules.get(my, mx) === 1;
  };
}

/** A camera that shows these drawings in turn, written to `path`. */
export function frames(path: string, ...drawings: Drawing[]) {
  y4m(path, drawings);
}

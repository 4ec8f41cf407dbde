// StringDecoder for utf8 (keeps incomplete multi-byte sequences between writes) and other encodings.
'use strict';
const { Buffer } = require('buffer');
class StringDecoder {
  constructor(encoding = 'utf8') { this.encoding = String(encoding).toLowerCase().replace('-', ''); this.pending = Buffer.alloc(0); }
  write(buf) {
    if (typeof buf === 'string') return buf;
    let b = this.pending.length ? Buffer.concat([this.pending, buf]) : Buffer.from(buf);
    if (this.encoding !== 'utf8') { this.pending = Buffer.alloc(0); return b.toString(this.encoding); }
    let cut = b.length;
    for (let i = Math.max(0, b.length - 3); i < b.length; i++) {
      const c = b[i];
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      if (need > 1 && i + need > b.length) { cut = i; break; }
    }
    this.pending = b.subarray(cut);
    return b.subarray(0, cut).toString('utf8');
  }
  end(buf) { const s = buf ? this.write(buf) : ''; const rest = this.pending.length ? this.pending.toString(this.encoding) : ''; this.pending = Buffer.alloc(0); return s + rest; }
}
module.exports = { StringDecoder };

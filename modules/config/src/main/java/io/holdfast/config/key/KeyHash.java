package io.holdfast.config.key;

/**
 * nginx's hash functions over a key's bytes. Request text in Vert.x holds one byte per char (the request
 * line and headers are read as ISO-8859-1), so each char's low byte is the byte nginx would hash.
 */
public enum KeyHash {

  /** {@code ngx_crc32_long}: the IEEE CRC-32 that {@code hash ... consistent} places keys on its ring with. */
  CRC32 {
    @Override
    public long hash(CharSequence text, int from, int to) {
      int crc = 0xFFFFFFFF;
      for (int i = from; i < to; i++) {
        crc = CRC_TABLE[(crc ^ text.charAt(i)) & 0xFF] ^ (crc >>> 8);
      }
      return ~crc & 0xFFFFFFFFL;
    }
  },

  /** {@code ngx_murmur_hash2}: MurmurHash2, 32-bit, seed 0, as {@code split_clients} uses. */
  MURMUR2 {
    @Override
    public long hash(CharSequence text, int from, int to) {
      final int m = 0x5bd1e995;
      int len = to - from;
      int h = len;
      int i = from;
      for (; len >= 4; len -= 4, i += 4) {
        int k = (text.charAt(i) & 0xFF) | (text.charAt(i + 1) & 0xFF) << 8 | (text.charAt(i + 2) & 0xFF) << 16
            | (text.charAt(i + 3) & 0xFF) << 24;
        k *= m;
        k ^= k >>> 24;
        k *= m;
        h *= m;
        h ^= k;
      }
      switch (len) {
        case 3:
          h ^= (text.charAt(i + 2) & 0xFF) << 16;
          // fall through
        case 2:
          h ^= (text.charAt(i + 1) & 0xFF) << 8;
          // fall through
        case 1:
          h ^= text.charAt(i) & 0xFF;
          h *= m;
          break;
        default:
          break;
      }
      h ^= h >>> 13;
      h *= m;
      h ^= h >>> 15;
      return h & 0xFFFFFFFFL;
    }
  };

  private static final int[] CRC_TABLE = new int[256];

  static {
    for (int n = 0; n < 256; n++) {
      int c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      }
      CRC_TABLE[n] = c;
    }
  }

  /** The unsigned 32-bit hash of {@code text[from, to)}. */
  public abstract long hash(CharSequence text, int from, int to);

  public long hash(CharSequence text) {
    return hash(text, 0, text.length());
  }
}

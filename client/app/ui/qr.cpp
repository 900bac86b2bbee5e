// QR encoder (ISO/IEC 18004), byte mode, level M, versions 1-10; see qr.h.
//
// Steps: bit stream (mode, count, bytes, terminator, pad) -> blocks with
// Reed-Solomon EC, interleaved -> function patterns (finders, timing,
// alignment, format and version areas) -> data in the zigzag -> each of the 8
// masks scored by the standard's penalty rules, the lowest kept.
#include "client/app/ui/qr.h"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace parta::ui {
namespace {

// Level M block structure per version: EC codewords per block, then
// (blocks, data codewords per block) for the two groups.
struct Blocks {
  int ec;
  int blocks1, data1;
  int blocks2, data2;
  int data_total() const { return blocks1 * data1 + blocks2 * data2; }
  int block_count() const { return blocks1 + blocks2; }
};
constexpr std::array<Blocks, kQrMaxVersion + 1> kLevelM = {{
    {0, 0, 0, 0, 0},
    {10, 1, 16, 0, 0},
    {16, 1, 28, 0, 0},
    {26, 1, 44, 0, 0},
    {18, 2, 32, 0, 0},
    {24, 2, 43, 0, 0},
    {16, 4, 27, 0, 0},
    {18, 4, 31, 0, 0},
    {22, 2, 38, 2, 39},
    {22, 3, 36, 2, 37},
    {26, 4, 43, 1, 44},
}};

// Alignment pattern centers per version (0 ends the list).
constexpr std::array<std::array<int, 4>, kQrMaxVersion + 1> kAlignment = {{
    {0},
    {0},
    {6, 18},
    {6, 22},
    {6, 26},
    {6, 30},
    {6, 34},
    {6, 22, 38},
    {6, 24, 42},
    {6, 26, 46},
    {6, 28, 50},
}};

int count_bits(int version) { return version <= 9 ? 8 : 16; }

class BitWriter {
 public:
  void put(std::uint32_t value, int bits) {
    for (int i = bits - 1; i >= 0; --i) bits_.push_back(static_cast<std::uint8_t>((value >> i) & 1));
  }
  std::size_t size() const { return bits_.size(); }
  std::vector<std::uint8_t> bytes() const {
    std::vector<std::uint8_t> out(bits_.size() / 8, 0);
    for (std::size_t i = 0; i < out.size() * 8; ++i) out[i / 8] |= static_cast<std::uint8_t>(bits_[i] << (7 - i % 8));
    return out;
  }

 private:
  std::vector<std::uint8_t> bits_;
};

// The symbol under construction: modules and which of them are function patterns.
class Matrix {
 public:
  explicit Matrix(int version)
      : version_(version), size_(17 + 4 * version), dark_(size_ * size_), fixed_(size_ * size_) {}
  int size() const { return size_; }
  bool dark(int x, int y) const { return dark_[idx(x, y)] != 0; }
  bool fixed(int x, int y) const { return fixed_[idx(x, y)] != 0; }
  void set_function(int x, int y, bool dark) {
    dark_[idx(x, y)] = dark;
    fixed_[idx(x, y)] = 1;
  }
  void set(int x, int y, bool dark) { dark_[idx(x, y)] = dark; }
  const std::vector<std::uint8_t>& modules() const { return dark_; }

  void draw_function_patterns() {
    for (int i = 0; i < size_; ++i) {
      set_function(6, i, i % 2 == 0);  // timing
      set_function(i, 6, i % 2 == 0);
    }
    finder(3, 3);
    finder(size_ - 4, 3);
    finder(3, size_ - 4);
    const auto& centers = kAlignment[static_cast<std::size_t>(version_)];
    int n = 0;
    while (n < 4 && centers[static_cast<std::size_t>(n)] != 0) ++n;
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) {
        const bool under_finder = (i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0);
        if (!under_finder) alignment(centers[static_cast<std::size_t>(i)], centers[static_cast<std::size_t>(j)]);
      }
    }
    draw_format(0);  // reserves the area; redrawn with the chosen mask
    if (version_ >= 7) {
      const std::uint32_t bits = qr::version_bits(version_);
      for (int i = 0; i < 18; ++i) {
        const bool bit = (bits >> i) & 1;
        const int a = size_ - 11 + i % 3, b = i / 3;
        set_function(a, b, bit);
        set_function(b, a, bit);
      }
    }
  }

  void draw_format(int mask) {
    const std::uint32_t bits = qr::format_bits(mask);
    auto bit = [&](int i) { return ((bits >> i) & 1) != 0; };
    // Around the top-left finder.
    for (int i = 0; i <= 5; ++i) set_function(8, i, bit(i));
    set_function(8, 7, bit(6));
    set_function(8, 8, bit(7));
    set_function(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) set_function(14 - i, 8, bit(i));
    // The copy split between the other two finders.
    for (int i = 0; i < 8; ++i) set_function(size_ - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) set_function(8, size_ - 15 + i, bit(i));
    set_function(8, size_ - 8, true);  // the dark module
  }

  // Codeword bits in the two-column zigzag from the bottom right, skipping the
  // vertical timing column; remainder bits stay light.
  void place(const std::vector<std::uint8_t>& codewords) {
    std::size_t i = 0;
    const std::size_t total = codewords.size() * 8;
    for (int right = size_ - 1; right >= 1; right -= 2) {
      if (right == 6) right = 5;
      const bool upward = ((right + 1) & 2) == 0;
      for (int vert = 0; vert < size_; ++vert) {
        const int y = upward ? size_ - 1 - vert : vert;
        for (int j = 0; j < 2; ++j) {
          const int x = right - j;
          if (fixed(x, y) || i >= total) continue;
          set(x, y, ((codewords[i / 8] >> (7 - i % 8)) & 1) != 0);
          ++i;
        }
      }
    }
  }

  void apply_mask(int mask) {
    for (int y = 0; y < size_; ++y) {
      for (int x = 0; x < size_; ++x) {
        if (fixed(x, y)) continue;
        bool flip = false;
        switch (mask) {
          case 0:
            flip = (x + y) % 2 == 0;
            break;
          case 1:
            flip = y % 2 == 0;
            break;
          case 2:
            flip = x % 3 == 0;
            break;
          case 3:
            flip = (x + y) % 3 == 0;
            break;
          case 4:
            flip = (x / 3 + y / 2) % 2 == 0;
            break;
          case 5:
            flip = x * y % 2 + x * y % 3 == 0;
            break;
          case 6:
            flip = (x * y % 2 + x * y % 3) % 2 == 0;
            break;
          default:
            flip = ((x + y) % 2 + x * y % 3) % 2 == 0;
            break;
        }
        if (flip) dark_[idx(x, y)] ^= 1;
      }
    }
  }

  // The standard's penalty: long runs, 2x2 blocks, finder look-alikes, imbalance.
  long penalty() const {
    long score = 0;
    auto line = [&](bool rows) {
      for (int a = 0; a < size_; ++a) {
        int run = 0;
        bool run_dark = false;
        std::uint32_t window = 0;  // the last 11 modules, newest in bit 0
        for (int b = 0; b < size_; ++b) {
          const bool d = rows ? dark(b, a) : dark(a, b);
          if (b > 0 && d == run_dark) {
            ++run;
          } else {
            if (run >= 5) score += 3 + (run - 5);
            run = 1;
            run_dark = d;
          }
          window = ((window << 1) | (d ? 1u : 0u)) & 0x7FF;
          if (b >= 10 && (window == 0x5D0 || window == 0x05D)) score += 40;  // 10111010000 / 00001011101
        }
        if (run >= 5) score += 3 + (run - 5);
      }
    };
    line(true);
    line(false);
    long dark_count = 0;
    for (int y = 0; y < size_; ++y) {
      for (int x = 0; x < size_; ++x) {
        dark_count += dark(x, y);
        if (x + 1 < size_ && y + 1 < size_) {
          const bool d = dark(x, y);
          if (dark(x + 1, y) == d && dark(x, y + 1) == d && dark(x + 1, y + 1) == d) score += 3;
        }
      }
    }
    const long total = static_cast<long>(size_) * size_;
    score += 10 * (std::labs(dark_count * 100 / total - 50) / 5);
    return score;
  }

 private:
  std::size_t idx(int x, int y) const { return static_cast<std::size_t>(y) * size_ + x; }

  void finder(int cx, int cy) {
    for (int dy = -4; dy <= 4; ++dy) {
      for (int dx = -4; dx <= 4; ++dx) {
        const int x = cx + dx, y = cy + dy;
        if (x < 0 || y < 0 || x >= size_ || y >= size_) continue;
        const int dist = std::max(std::abs(dx), std::abs(dy));
        set_function(x, y, dist != 2 && dist != 4);  // ring, core; the separator is light
      }
    }
  }

  void alignment(int cx, int cy) {
    for (int dy = -2; dy <= 2; ++dy) {
      for (int dx = -2; dx <= 2; ++dx) set_function(cx + dx, cy + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
    }
  }

  int version_;
  int size_;
  std::vector<std::uint8_t> dark_;
  std::vector<std::uint8_t> fixed_;
};

}  // namespace

namespace qr {

int byte_capacity(int version) {
  if (version < 1 || version > kQrMaxVersion) return 0;
  const int bits = kLevelM[static_cast<std::size_t>(version)].data_total() * 8 - 4 - count_bits(version);
  return bits / 8;
}

std::uint8_t gf_mul(std::uint8_t a, std::uint8_t b) {
  unsigned x = a, result = 0;
  while (b != 0) {
    if (b & 1) result ^= x;
    x <<= 1;
    if (x & 0x100) x ^= 0x11D;
    b >>= 1;
  }
  return static_cast<std::uint8_t>(result);
}

std::vector<std::uint8_t> reed_solomon(const std::vector<std::uint8_t>& data, int ec_len) {
  // Generator: the product of (x + a^i) for i < ec_len, coefficients highest first.
  std::vector<std::uint8_t> gen{1};
  std::uint8_t root = 1;
  for (int i = 0; i < ec_len; ++i) {
    std::vector<std::uint8_t> next(gen.size() + 1, 0);
    for (std::size_t j = 0; j < gen.size(); ++j) {
      next[j] ^= gen[j];
      next[j + 1] ^= gf_mul(gen[j], root);
    }
    gen = std::move(next);
    root = gf_mul(root, 2);
  }
  // Remainder of data * x^ec_len divided by the generator (a shift register).
  std::vector<std::uint8_t> rem(static_cast<std::size_t>(ec_len), 0);
  for (const std::uint8_t byte : data) {
    const std::uint8_t factor = byte ^ rem[0];
    std::rotate(rem.begin(), rem.begin() + 1, rem.end());
    rem.back() = 0;
    for (std::size_t i = 0; i < rem.size(); ++i) rem[i] ^= gf_mul(gen[i + 1], factor);
  }
  return rem;
}

std::uint32_t format_bits(int mask) {
  const std::uint32_t data = (0b00u << 3) | static_cast<std::uint32_t>(mask & 7);  // level M = 00
  std::uint32_t rem = data;
  for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
  return ((data << 10) | (rem & 0x3FF)) ^ 0x5412;
}

std::uint32_t version_bits(int version) {
  std::uint32_t rem = static_cast<std::uint32_t>(version);
  for (int i = 0; i < 12; ++i) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
  return (static_cast<std::uint32_t>(version) << 12) | (rem & 0xFFF);
}

std::vector<std::uint8_t> codewords(std::string_view data, int version) {
  const Blocks& spec = kLevelM[static_cast<std::size_t>(version)];
  const std::size_t capacity_bits = static_cast<std::size_t>(spec.data_total()) * 8;
  BitWriter bits;
  bits.put(0b0100, 4);  // byte mode
  bits.put(static_cast<std::uint32_t>(data.size()), count_bits(version));
  for (const char c : data) bits.put(static_cast<std::uint8_t>(c), 8);
  bits.put(0, static_cast<int>(std::min<std::size_t>(4, capacity_bits - bits.size())));
  if (bits.size() % 8 != 0) bits.put(0, static_cast<int>(8 - bits.size() % 8));
  for (std::uint32_t pad = 0xEC; bits.size() < capacity_bits; pad ^= 0xEC ^ 0x11) bits.put(pad, 8);
  const std::vector<std::uint8_t> bytes = bits.bytes();

  // Split into blocks, add EC to each, then interleave column by column.
  std::vector<std::vector<std::uint8_t>> blocks, ecs;
  std::size_t offset = 0;
  for (int b = 0; b < spec.block_count(); ++b) {
    const int len = b < spec.blocks1 ? spec.data1 : spec.data2;
    blocks.emplace_back(bytes.begin() + static_cast<long>(offset), bytes.begin() + static_cast<long>(offset) + len);
    offset += static_cast<std::size_t>(len);
    ecs.push_back(reed_solomon(blocks.back(), spec.ec));
  }
  std::vector<std::uint8_t> out;
  const int longest = std::max(spec.data1, spec.data2);
  for (int i = 0; i < longest; ++i) {
    for (const auto& block : blocks) {
      if (i < static_cast<int>(block.size())) out.push_back(block[static_cast<std::size_t>(i)]);
    }
  }
  for (int i = 0; i < spec.ec; ++i) {
    for (const auto& ec : ecs) out.push_back(ec[static_cast<std::size_t>(i)]);
  }
  return out;
}

}  // namespace qr

QrCode qr_encode(std::string_view data, int force_mask) {
  QrCode code;
  int version = 1;
  while (version <= kQrMaxVersion && static_cast<int>(data.size()) > qr::byte_capacity(version)) ++version;
  if (version > kQrMaxVersion) return code;

  Matrix base(version);
  base.draw_function_patterns();
  base.place(qr::codewords(data, version));
  long best = -1;
  for (int mask = 0; mask < 8; ++mask) {
    if (force_mask >= 0 && mask != force_mask) continue;
    Matrix m = base;
    m.apply_mask(mask);
    m.draw_format(mask);
    const long score = m.penalty();
    if (best < 0 || score < best) {
      best = score;
      code.mask = mask;
      code.modules = m.modules();
    }
  }
  code.version = version;
  code.size = base.size();
  return code;
}

}  // namespace parta::ui

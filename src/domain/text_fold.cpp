#include "domain/text_fold.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace phongdich {
namespace {

// What a code point folds to: a letter, a space (whitespace), or nothing.
constexpr char kDrop = '\0';

// ASCII: letters lowercased, whitespace -> ' ', control characters dropped.
constexpr std::array<char, 128> make_ascii_fold() {
  std::array<char, 128> table{};
  for (int c = 0x20; c < 0x7f; ++c) table[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = static_cast<char>(c - 'A' + 'a');
  for (char c : {'\t', '\n', '\v', '\f', '\r'}) table[static_cast<unsigned char>(c)] = ' ';
  return table;
}
constexpr std::array<char, 128> kAsciiFold = make_ascii_fold();

// U+00C0..U+00FF (Latin-1 letters: À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý and the
// lowercase ones are the Vietnamese part). Symbols such as × ÷ are dropped.
constexpr char kLatin1Fold[] =
    "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0s"
    "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y";
static_assert(sizeof kLatin1Fold == 0x40 + 1, "one entry per code point U+00C0..U+00FF");

// U+0100..U+017F (Latin Extended-A: Ă ă Đ đ Ĩ ĩ Ũ ũ for Vietnamese).
constexpr char kLatinExtAFold[] =
    "aaaaaa"        // Ā ā Ă ă Ą ą
    "cccccccc"      // Ć ć Ĉ ĉ Ċ ċ Č č
    "dddd"          // Ď ď Đ đ
    "eeeeeeeeee"    // Ē ē Ĕ ĕ Ė ė Ę ę Ě ě
    "gggggggg"      // Ĝ ĝ Ğ ğ Ġ ġ Ģ ģ
    "hhhh"          // Ĥ ĥ Ħ ħ
    "iiiiiiiiii"    // Ĩ ĩ Ī ī Ĭ ĭ Į į İ ı
    "\0\0"          // Ĳ ĳ
    "jj"            // Ĵ ĵ
    "kkk"           // Ķ ķ ĸ
    "llllllllll"    // Ĺ ĺ Ļ ļ Ľ ľ Ŀ ŀ Ł ł
    "nnnnnnnnn"     // Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ
    "oooooo"        // Ō ō Ŏ ŏ Ő ő
    "\0\0"          // Œ œ
    "rrrrrr"        // Ŕ ŕ Ŗ ŗ Ř ř
    "ssssssss"      // Ś ś Ŝ ŝ Ş ş Š š
    "tttttt"        // Ţ ţ Ť ť Ŧ ŧ
    "uuuuuuuuuuuu"  // Ũ ũ Ū ū Ŭ ŭ Ů ů Ű ű Ų ų
    "ww"            // Ŵ ŵ
    "yyy"           // Ŷ ŷ Ÿ
    "zzzzzz"        // Ź ź Ż ż Ž ž
    "s";            // ſ
static_assert(sizeof kLatinExtAFold == 0x80 + 1, "one entry per code point U+0100..U+017F");

// U+1EA0..U+1EF9 (Latin Extended Additional, the Vietnamese block): upper and
// lower case alternate, so each base letter appears twice per tone/shape.
constexpr char kVietnameseBlockFold[] =
    "aaaaaaaaaaaaaaaaaaaaaaaa"  // Ạ ạ Ả ả Ấ ấ Ầ ầ Ẩ ẩ Ẫ ẫ Ậ ậ Ắ ắ Ằ ằ Ẳ ẳ Ẵ ẵ Ặ ặ
    "eeeeeeeeeeeeeeee"  // Ẹ ẹ Ẻ ẻ Ẽ ẽ Ế ế Ề ề Ể ể Ễ ễ Ệ ệ
    "iiii"              // Ỉ ỉ Ị ị
    "oooooooooooooooooooooooo"  // Ọ ọ Ỏ ỏ Ố ố Ồ ồ Ổ ổ Ỗ ỗ Ộ ộ Ớ ớ Ờ ờ Ở ở Ỡ ỡ Ợ ợ
    "uuuuuuuuuuuuuu"  // Ụ ụ Ủ ủ Ứ ứ Ừ ừ Ử ử Ữ ữ Ự ự
    "yyyyyyyy";       // Ỳ ỳ Ỵ ỵ Ỷ ỷ Ỹ ỹ
static_assert(sizeof kVietnameseBlockFold == 0x1EF9 - 0x1EA0 + 1 + 1,
              "one entry per code point U+1EA0..U+1EF9");

bool is_unicode_space(uint32_t cp) {
  return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

char fold_code_point(uint32_t cp) {
  if (cp >= 0x00C0 && cp <= 0x00FF) return kLatin1Fold[cp - 0x00C0];
  if (cp >= 0x0100 && cp <= 0x017F) return kLatinExtAFold[cp - 0x0100];
  if (cp == 0x01A0 || cp == 0x01A1) return 'o';  // Ơ ơ
  if (cp == 0x01AF || cp == 0x01B0) return 'u';  // Ư ư
  if (cp >= 0x1EA0 && cp <= 0x1EF9) return kVietnameseBlockFold[cp - 0x1EA0];
  if (is_unicode_space(cp)) return ' ';
  return kDrop;  // combining marks U+0300..U+036F and everything else
}

// Decodes one multi-byte UTF-8 sequence starting at text[i] (text[i] >= 0x80).
// Returns its length, or 0 when the bytes there are not well-formed UTF-8.
size_t decode_multibyte(std::string_view text, size_t i, uint32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto is_cont = [&](size_t k) { return i + k < text.size() && (byte(k) & 0xC0) == 0x80; };
  const unsigned char lead = byte(0);
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (!is_cont(1)) return 0;
    cp = (uint32_t{lead} & 0x1F) << 6 | (byte(1) & 0x3F);
    return 2;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!is_cont(1) || !is_cont(2)) return 0;
    cp = (uint32_t{lead} & 0x0F) << 12 | (uint32_t{byte(1)} & 0x3F) << 6 | (byte(2) & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;  // overlong or surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!is_cont(1) || !is_cont(2) || !is_cont(3)) return 0;
    cp = (uint32_t{lead} & 0x07) << 18 | (uint32_t{byte(1)} & 0x3F) << 12 |
         (uint32_t{byte(2)} & 0x3F) << 6 | (byte(3) & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;  // continuation byte, overlong lead C0/C1, or F5..FF
}

}  // namespace

std::string fold_vietnamese(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool space_pending = false;
  const auto emit = [&](char folded) {
    if (folded == ' ') {
      space_pending = true;
      return;
    }
    if (space_pending && !out.empty()) out.push_back(' ');
    space_pending = false;
    out.push_back(folded);
  };

  size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    if (lead < 0x80) {
      const char folded = kAsciiFold[lead];
      if (folded != kDrop) emit(folded);
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t length = decode_multibyte(utf8, i, cp);
    if (length == 0) {  // an invalid byte: drop it and resynchronise on the next one
      ++i;
      continue;
    }
    i += length;
    const char folded = fold_code_point(cp);
    if (folded != kDrop) emit(folded);
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    // Most input is ASCII: check eight bytes at a time.
    if (i + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t length = decode_multibyte(text, i, cp);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace phongdich

// Folding Vietnamese text for search: "Nguyễn Thị Ánh  Tuyết" -> "nguyen thi anh tuyet".
//
// Names keep their diacritics in the registry; name search ignores them, so both
// the stored key and the searched words go through the same fold.
#pragma once

#include <string>
#include <string_view>

namespace phongdich {

// Lowercase ASCII without diacritics: every Vietnamese precomposed letter folds
// to its base letter (đ/Đ -> d), combining marks U+0300..U+036F are dropped (so
// NFD input folds like NFC), runs of whitespace become one space, and the result
// is trimmed. Invalid UTF-8 bytes and characters with no ASCII base letter are
// dropped. Never throws on any input.
std::string fold_vietnamese(std::string_view utf8);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace phongdich

#include "domain/name_words.hpp"

namespace phongdich {
namespace {

bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
         (byte >= '0' && byte <= '9') || byte >= 0x80;
}

bool word_starts_at(std::string_view text, size_t pos) {
  return pos == 0 || !is_word_byte(text[pos - 1]);
}

bool has_word_starting_with(std::string_view name, std::string_view word) {
  for (size_t pos = name.find(word); pos != std::string_view::npos;
       pos = name.find(word, pos + 1)) {
    if (word_starts_at(name, pos)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string_view> name_words(std::string_view folded_text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < folded_text.size()) {
    while (pos < folded_text.size() && !is_word_byte(folded_text[pos])) ++pos;
    const size_t start = pos;
    while (pos < folded_text.size() && is_word_byte(folded_text[pos])) ++pos;
    if (pos > start) words.push_back(folded_text.substr(start, pos - start));
  }
  return words;
}

bool has_word_prefixes(std::string_view folded_name,
                       std::span<const std::string_view> query_words) {
  for (std::string_view word : query_words) {
    if (!has_word_starting_with(folded_name, word)) return false;
  }
  return true;
}

}  // namespace phongdich

#include "api/json_writer.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "domain/text_fold.hpp"

namespace phongdich::api {

namespace {

// Escapes as nlohmann::json::dump does (ensure_ascii off), so that an answer
// reads the same whichever way it was written.
void append_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
}

}  // namespace

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  out_ += '"';
  out_ += name;
  out_ += "\":";
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  separate();
  if (is_valid_utf8(text)) {
    out_ += '"';
    append_escaped(out_, text);
    out_ += '"';
  } else {
    // Rare (stored text is checked on the way in): the library's replacement.
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::number(int64_t value) {
  separate();
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::member(std::string_view name, const std::optional<std::string>& text) {
  key(name);
  return text ? string(*text) : null();
}

JsonWriter& JsonWriter::member(std::string_view name, const std::optional<int64_t>& value) {
  key(name);
  return value ? number(*value) : null();
}

}  // namespace phongdich::api

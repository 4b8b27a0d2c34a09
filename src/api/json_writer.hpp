// JSON text written straight into a string, without a tree of values first.
// The most asked answers (a person with their doses and status, pages of
// persons) spent a quarter of the server's time building and freeing such a
// tree; written this way they cost one growing string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phongdich::api {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // A member's name: the next call writes its value. Names are the API's own
  // ASCII identifiers, so they are written without escaping.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view text);  // escaped; invalid UTF-8 replaced by U+FFFD
  JsonWriter& number(int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

  // Members in one call: {"name": value}, null when the optional is empty.
  JsonWriter& member(std::string_view name, std::string_view text) {
    return key(name).string(text);
  }
  JsonWriter& member(std::string_view name, const char* text) { return key(name).string(text); }
  JsonWriter& member(std::string_view name, const std::string& text) {
    return key(name).string(text);
  }
  JsonWriter& member(std::string_view name, int64_t value) { return key(name).number(value); }
  JsonWriter& member(std::string_view name, int value) { return key(name).number(value); }
  JsonWriter& member(std::string_view name, bool value) { return key(name).boolean(value); }
  JsonWriter& member(std::string_view name, const std::optional<std::string>& text);
  JsonWriter& member(std::string_view name, const std::optional<int64_t>& value);

 private:
  // A comma before every value or name but the first of its object or array.
  void separate() {
    if (need_comma_) out_ += ',';
  }

  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace phongdich::api

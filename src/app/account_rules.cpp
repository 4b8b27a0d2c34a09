#include "app/account_rules.hpp"

#include <algorithm>
#include <string>

namespace phongdich {
namespace {

bool username_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// Continuation bytes (10xxxxxx) do not start a character.
size_t utf8_code_points(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

}  // namespace

std::optional<Violation> check_username(std::string_view username) {
  if (username.size() >= kUsernameMinLength && username.size() <= kUsernameMaxLength &&
      std::all_of(username.begin(), username.end(), username_char)) {
    return std::nullopt;
  }
  return Violation{"user.username_invalid", "username", "username: 3-64 characters of [a-z0-9._-]",
                   "Tên đăng nhập phải dài từ 3 đến 64 ký tự, chỉ gồm chữ thường không dấu "
                   "(a-z), chữ số và các dấu '.', '_', '-'.",
                   "A username is 3 to 64 characters: lower-case letters a-z, digits, '.', '_' "
                   "or '-'."};
}

std::optional<Violation> check_password(std::string_view password, std::string_view username) {
  if (password.size() > kPasswordMaxBytes) {
    return Violation{"user.password_too_long", "password", "password: at most 1024 bytes",
                     "Mật khẩu không được dài quá 1024 byte.",
                     "A password may not be longer than 1024 bytes."};
  }
  if (utf8_code_points(password) < kPasswordMinCharacters) {
    return Violation{"user.password_too_short", "password", "password: at least 10 characters",
                     "Mật khẩu phải có ít nhất 10 ký tự.",
                     "A password needs at least 10 characters."};
  }
  if (equal_ignoring_ascii_case(password, username)) {
    return Violation{"user.password_is_username", "password",
                     "password: not the same as the username",
                     "Mật khẩu không được trùng với tên đăng nhập.",
                     "The password may not be the same as the username."};
  }
  return std::nullopt;
}

Violation username_taken() {
  return {"user.username_taken", "username", "one account per username",
          "Tên đăng nhập này đã có người sử dụng.", "This username is already taken."};
}

Violation area_unknown() {
  return {"user.area_unknown", "area", "a user's area is in the area list",
          "Không có địa bàn này trong danh mục đơn vị hành chính.",
          "No such area in the list of administrative areas."};
}

Violation person_required() {
  return {"user.person_required", "person_id", "a citizen account is linked to their own record",
          "Tài khoản người dân phải gắn với hồ sơ của chính người đó.",
          "A citizen account must be linked to the citizen's own record."};
}

Violation person_not_allowed() {
  return {"user.person_not_allowed", "person_id", "only citizen accounts are linked to a person",
          "Chỉ tài khoản người dân mới được gắn với hồ sơ một người.",
          "Only a citizen account is linked to a person's record."};
}

Violation person_unknown() {
  return {"user.person_unknown", "person_id", "the linked person must be registered",
          "Không tìm thấy người này trong sổ.", "No such person in the registry."};
}

Violation user_not_found() {
  return {"user.not_found", "user_id", "the account must exist", "Không tìm thấy tài khoản này.",
          "No such user account."};
}

Violation password_wrong() {
  return {"user.password_wrong", "old_password", "changing a password needs the current one",
          "Mật khẩu hiện tại không đúng.", "The current password is wrong."};
}

}  // namespace phongdich

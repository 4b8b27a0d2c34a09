// What makes a username, a password and a user's binding acceptable, and the
// violations that say why not (codes "user.*").
#pragma once

#include <optional>
#include <string_view>

#include "domain/violation.hpp"

namespace phongdich {

inline constexpr size_t kUsernameMinLength = 3;
inline constexpr size_t kUsernameMaxLength = 64;
inline constexpr size_t kPasswordMinCharacters = 10;  // UTF-8 code points, not bytes
inline constexpr size_t kPasswordMaxBytes = 1024;     // bounds the hashing work per request

// 3-64 characters of [a-z0-9._-].
std::optional<Violation> check_username(std::string_view username);
// At least 10 characters, at most 1024 bytes, and not the username (ignoring
// ASCII case). The password is never copied into a message.
std::optional<Violation> check_password(std::string_view password, std::string_view username);

Violation username_taken();
Violation area_unknown();
Violation person_required();
Violation person_not_allowed();
Violation person_unknown();
Violation user_not_found();
Violation password_wrong();

}  // namespace phongdich

#include "app/password_generator.hpp"

#include <sodium.h>

#include <stdexcept>
#include <string_view>

namespace phongdich {

std::string random_password(size_t length) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  password.reserve(length);
  for (size_t i = 0; i < length; ++i) {
    password.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
  }
  return password;
}

}  // namespace phongdich

// SHA-256 as lower-case hex: how session tokens are keyed and audit entries chained.
#pragma once

#include <string>
#include <string_view>

namespace phongdich {

std::string sha256_hex(std::string_view bytes);

}  // namespace phongdich

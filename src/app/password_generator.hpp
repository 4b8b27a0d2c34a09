// Random passwords for accounts an operator creates without typing one (the
// demo's accounts, `phongdich user add --generate-password`): shown once,
// never stored in clear, never the same on two installations.
#pragma once

#include <string>

namespace phongdich {

// `length` characters from an alphabet without look-alikes (no 0/O, 1/l/I).
std::string random_password(size_t length = 16);

}  // namespace phongdich

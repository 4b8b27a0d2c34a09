// A content digest of an import file, to recognise the same file on a re-run.
#pragma once

#include <string>

namespace phongdich {

// Hex digest of the file's bytes (64-bit, not cryptographic: it names a file in
// the import journal, it does not guard against tampering). Throws when unreadable.
std::string file_digest(const std::string& path);

}  // namespace phongdich

#include "app/sha256_hex.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace phongdich {

namespace {

// OpenSSL 3 looks the algorithm up by name on every EVP_Digest(…, EVP_sha256())
// and builds a context for it: a lock, a table search and two allocations, more
// than the digest of a session token itself. Every request hashes its token,
// and every audit entry is chained with a hash, so the algorithm is fetched
// once and each thread keeps its context.
const EVP_MD* sha256_algorithm() {
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return algorithm;
}

struct ContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  thread_local const std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
  const EVP_MD* algorithm = sha256_algorithm();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (algorithm == nullptr || context == nullptr ||
      EVP_DigestInit_ex2(context.get(), algorithm, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest, &length) != 1) {
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * length, '0');
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return hex;
}

}  // namespace phongdich

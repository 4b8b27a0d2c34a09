#include "app/sha256_hex.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace phongdich {
namespace {

// FIPS 180-2's examples and a long input: the same context serves every call
// of a thread, so a digest must not carry anything of the one before it.
struct Sha256Row {
  std::string input;
  std::string hex;
};

const std::vector<Sha256Row> kRows = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {std::string(1'000'000, 'a'),
     "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
};

TEST(Sha256Hex, GivesTheStandardDigestsOneAfterAnother) {
  for (int round = 0; round < 2; ++round) {
    for (const Sha256Row& row : kRows) {
      EXPECT_EQ(sha256_hex(row.input), row.hex) << row.input.substr(0, 20);
    }
  }
}

TEST(Sha256Hex, ThreadsHashingAtOnceGetTheSameDigests) {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([&wrong, t] {
      for (int i = 0; i < 2000; ++i) {
        const Sha256Row& row = kRows[static_cast<size_t>(i) % 3];
        if (sha256_hex(row.input) != row.hex) ++wrong[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : wrong) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace phongdich

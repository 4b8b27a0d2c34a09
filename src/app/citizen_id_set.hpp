// The citizen IDs an import has stored, to keep them unique while the store's
// own index on them is deferred (Store::defer_person_indexes).
//
// Why not a set of strings: a province's first import holds several million
// IDs, and the import already needs most of its 2 GiB budget. A valid ID is 12
// digits, so each is kept as a number in an open-addressing table: 8 bytes a
// slot, at most half full (about 130 MB for 8 million IDs). Anything else (the
// import validates IDs, so only a caller's mistake) goes to a set of strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace phongdich {

class CitizenIdSet {
 public:
  // True when `id` was not in the set (and now is).
  bool insert(std::string_view id);
  bool contains(std::string_view id) const;
  size_t size() const { return size_ + others_.size(); }

 private:
  // The ID's digits as a number plus one (0 marks an empty slot); 0 when it is
  // not 12 digits.
  static uint64_t key_of(std::string_view id);
  void rehash(size_t slots);

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
  std::unordered_set<std::string> others_;
};

}  // namespace phongdich

// person_ref -> person id for the whole registry, in 16 bytes per person.
//
// Why: a dose file names persons by the source system's reference; looking each
// one up in the store would cost a query per dose (25 million for a province).
// Keys are kept as 64-bit hashes, not strings: with 10 million references the
// chance of any two colliding is about 3 in a million; a collision makes the
// later reference resolve to no one (reported as unknown), never to the wrong person.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "domain/person.hpp"

namespace phongdich {

class PersonRefMap {
 public:
  // Sizes the table for `count` references at once, instead of doubling its way there.
  void reserve(size_t count);
  void insert(std::string_view ref, PersonId id);
  // 0 when unknown (or ambiguous, see above).
  PersonId find(std::string_view ref) const;
  // True when `ref` hashes like two references inserted: find() cannot tell
  // then, and a caller that must know asks the store.
  bool ambiguous(std::string_view ref) const;
  size_t size() const { return size_; }

 private:
  struct Entry {
    uint64_t hash = 0;  // 0 = empty
    PersonId id = 0;    // -1 = ambiguous
  };
  static uint64_t hash_of(std::string_view ref);
  void grow();
  void rehash(size_t buckets);

  std::vector<Entry> entries_;
  size_t size_ = 0;
};

}  // namespace phongdich

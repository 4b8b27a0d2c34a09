#include "app/person_ref_map.hpp"

namespace phongdich {

uint64_t PersonRefMap::hash_of(std::string_view ref) {
  // FNV-1a, then a finaliser to spread the bits over the table's low bits.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : ref) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

void PersonRefMap::grow() { rehash(entries_.empty() ? 1024 : entries_.size() * 2); }

void PersonRefMap::reserve(size_t count) {
  size_t buckets = 1024;
  while (count * 10 > buckets * 7) buckets *= 2;  // the same 70% load as insert keeps
  if (buckets > entries_.size()) rehash(buckets);
}

void PersonRefMap::rehash(size_t buckets) {
  std::vector<Entry> old = std::move(entries_);
  entries_.assign(buckets, Entry{});
  const size_t mask = entries_.size() - 1;
  for (const Entry& e : old) {
    if (e.hash == 0) continue;
    size_t i = e.hash & mask;
    while (entries_[i].hash != 0) i = (i + 1) & mask;
    entries_[i] = e;
  }
}

void PersonRefMap::insert(std::string_view ref, PersonId id) {
  if (ref.empty()) return;
  if ((size_ + 1) * 10 > entries_.size() * 7) grow();  // keep load under 70%
  const uint64_t h = hash_of(ref);
  const size_t mask = entries_.size() - 1;
  size_t i = h & mask;
  while (entries_[i].hash != 0) {
    if (entries_[i].hash == h) {
      if (entries_[i].id != id) entries_[i].id = -1;  // two references, one hash
      return;
    }
    i = (i + 1) & mask;
  }
  entries_[i] = {h, id};
  ++size_;
}

PersonId PersonRefMap::find(std::string_view ref) const {
  if (entries_.empty() || ref.empty()) return 0;
  const uint64_t h = hash_of(ref);
  const size_t mask = entries_.size() - 1;
  for (size_t i = h & mask; entries_[i].hash != 0; i = (i + 1) & mask) {
    if (entries_[i].hash == h) return entries_[i].id > 0 ? entries_[i].id : 0;
  }
  return 0;
}

bool PersonRefMap::ambiguous(std::string_view ref) const {
  if (entries_.empty() || ref.empty()) return false;
  const uint64_t h = hash_of(ref);
  const size_t mask = entries_.size() - 1;
  for (size_t i = h & mask; entries_[i].hash != 0; i = (i + 1) & mask) {
    if (entries_[i].hash == h) return entries_[i].id < 0;
  }
  return false;
}

}  // namespace phongdich

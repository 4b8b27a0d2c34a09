#include "app/citizen_id_set.hpp"

namespace phongdich {
namespace {

size_t slot_of(uint64_t key, size_t mask) {
  // Consecutive IDs share their leading digits: mix the bits before masking.
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  return static_cast<size_t>(key) & mask;
}

}  // namespace

uint64_t CitizenIdSet::key_of(std::string_view id) {
  if (id.size() != 12) return 0;
  uint64_t value = 0;
  for (const char c : id) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value + 1;
}

void CitizenIdSet::rehash(size_t slots) {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(slots, 0);
  const size_t mask = slots - 1;
  for (const uint64_t key : old) {
    if (key == 0) continue;
    size_t i = slot_of(key, mask);
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = key;
  }
}

bool CitizenIdSet::insert(std::string_view id) {
  const uint64_t key = key_of(id);
  if (key == 0) return others_.emplace(id).second;
  if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 1024 : slots_.size() * 2);
  const size_t mask = slots_.size() - 1;
  size_t i = slot_of(key, mask);
  for (; slots_[i] != 0; i = (i + 1) & mask) {
    if (slots_[i] == key) return false;
  }
  slots_[i] = key;
  ++size_;
  return true;
}

bool CitizenIdSet::contains(std::string_view id) const {
  const uint64_t key = key_of(id);
  if (key == 0) return others_.contains(std::string(id));
  if (slots_.empty()) return false;
  const size_t mask = slots_.size() - 1;
  for (size_t i = slot_of(key, mask); slots_[i] != 0; i = (i + 1) & mask) {
    if (slots_[i] == key) return true;
  }
  return false;
}

}  // namespace phongdich

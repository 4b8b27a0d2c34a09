#include "domain/name_index.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <thread>

#include "domain/name_words.hpp"

namespace phongdich {
namespace {

// Searches with no more than this many results to skip and return keep the
// best ones in a heap; deeper pages order all matches at once.
constexpr size_t kHeapDepth = 1000;
// Searches with at least this many candidates read them in two threads.
constexpr size_t kParallelCandidates = 100'000;

}  // namespace

void NameIndex::begin_load(size_t persons) {
  loading_ = true;
  first_word_.reserve(persons);
  word_count_.reserve(persons);
  slot_words_.reserve(persons * 4);
}

void NameIndex::finish_load() {
  loading_ = false;
  rank_all();
  // Posting lists grew by doubling; give back the slack (up to half of them).
  for (auto& postings : postings_) postings.shrink_to_fit();
}

void NameIndex::rank_all() {
  sorted_.resize(words_.size());
  for (WordId id = 0; id < sorted_.size(); ++id) sorted_[id] = id;
  std::sort(sorted_.begin(), sorted_.end(),
            [&](WordId a, WordId b) { return words_[a] < words_[b]; });
  rank_.resize(words_.size());
  for (uint32_t r = 0; r < sorted_.size(); ++r) rank_[sorted_[r]] = r;
}

NameIndex::WordId NameIndex::word_id(std::string_view word) {
  std::string key(word);
  if (auto found = id_of_.find(key); found != id_of_.end()) return found->second;
  if (words_.size() == std::numeric_limits<WordId>::max()) {
    throw std::length_error("NameIndex: too many distinct words");
  }
  const auto id = static_cast<WordId>(words_.size());
  words_.push_back(key);
  id_of_.emplace(std::move(key), id);
  postings_.emplace_back();
  rank_.push_back(0);
  if (!loading_) {
    // Put it in text order: the words after it move one place down.
    const auto at = std::lower_bound(
        sorted_.begin(), sorted_.end(), word,
        [&](WordId other, std::string_view w) { return std::string_view(words_[other]) < w; });
    const auto position = static_cast<uint32_t>(at - sorted_.begin());
    sorted_.insert(at, id);
    for (uint32_t r = position; r < sorted_.size(); ++r) rank_[sorted_[r]] = r;
  }
  return id;
}

void NameIndex::set_name(Slot slot, std::string_view folded_name) {
  std::vector<std::string_view> words = name_words(folded_name);
  if (words.size() > kMaxWordsPerName) words.resize(kMaxWordsPerName);

  if (slot >= first_word_.size()) {
    first_word_.resize(slot + 1, 0);
    word_count_.resize(slot + 1, 0);
  }
  // Remove the slot from the lists of words its old name had and the new lacks.
  const std::vector<WordId> old(words_of(slot).begin(), words_of(slot).end());
  std::vector<WordId> ids;
  ids.reserve(words.size());
  for (std::string_view w : words) ids.push_back(word_id(w));
  for (WordId id : old) {
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    auto& list = postings_[id];
    list.erase(std::remove(list.begin(), list.end(), slot), list.end());
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    const WordId id = ids[i];
    const bool earlier = std::find(ids.begin(), ids.begin() + static_cast<ptrdiff_t>(i), id) !=
                         ids.begin() + static_cast<ptrdiff_t>(i);
    const bool had = std::find(old.begin(), old.end(), id) != old.end();
    if (!earlier && !had) postings_[id].push_back(slot);
  }
  first_word_[slot] = static_cast<uint32_t>(slot_words_.size());
  word_count_[slot] = static_cast<uint8_t>(ids.size());
  slot_words_.insert(slot_words_.end(), ids.begin(), ids.end());
}

std::pair<uint32_t, uint32_t> NameIndex::rank_range(std::string_view prefix) const {
  const auto text_of = [&](WordId id) { return std::string_view(words_[id]); };
  const auto low = std::lower_bound(sorted_.begin(), sorted_.end(), prefix,
                                    [&](WordId id, std::string_view p) { return text_of(id) < p; });
  // The words beginning with `prefix` follow one another in text order.
  const auto high = std::partition_point(low, sorted_.end(), [&](WordId id) {
    return text_of(id).substr(0, prefix.size()) == prefix;
  });
  return {static_cast<uint32_t>(low - sorted_.begin()),
          static_cast<uint32_t>(high - sorted_.begin())};
}

bool NameIndex::name_before(Slot a, Slot b) const {
  const auto wa = words_of(a);
  const auto wb = words_of(b);
  const size_t n = std::min(wa.size(), wb.size());
  for (size_t i = 0; i < n; ++i) {
    if (wa[i] != wb[i]) return rank_[wa[i]] < rank_[wb[i]];
  }
  if (wa.size() != wb.size()) return wa.size() < wb.size();
  return a < b;
}

std::vector<NameIndex::Slot> NameIndex::search(std::span<const std::string_view> query_words,
                                               const Area& area, size_t limit, size_t offset,
                                               unsigned threads) const {
  const size_t wanted = limit + offset;
  if (wanted == 0) return {};

  struct Range {
    uint32_t low, high;
    bool holds(uint32_t rank) const { return rank - low < high - low; }
  };
  std::vector<Range> ranges;
  for (std::string_view w : query_words) {
    const auto [low, high] = rank_range(w);
    if (low == high) return {};  // no name has a word beginning so
    ranges.push_back({low, high});
  }
  const auto matches = [&](Slot slot) {
    const auto words = words_of(slot);
    for (const Range& range : ranges) {
      bool found = false;
      for (WordId id : words) found = found || range.holds(rank_[id]);
      if (!found) return false;
    }
    return true;
  };

  // The query word whose matching words have the fewest names.
  size_t driver = 0;
  size_t fewest = std::numeric_limits<size_t>::max();
  for (size_t i = 0; i < ranges.size(); ++i) {
    size_t names = 0;
    for (uint32_t r = ranges[i].low; r < ranges[i].high; ++r) names += postings_[sorted_[r]].size();
    if (names < fewest) fewest = names, driver = i;
  }
  size_t area_size = 0;
  for (const auto& list : area.members) area_size += list.size();

  // What to read: a small area's members (or every member when there are no
  // words), in slot order, nearly in sequence; else the lists of the words
  // the driving query word begins.
  struct Segment {
    std::span<const Slot> slots;
    WordId via;  // the word whose list this is; kMembers for an area's members
  };
  constexpr WordId kMembers = std::numeric_limits<WordId>::max();
  std::vector<Segment> segments;
  size_t total = 0;
  const Range range = ranges.empty() ? Range{0, 0} : ranges[driver];
  if (area_size <= fewest) {
    for (const auto& list : area.members) segments.push_back({list, kMembers});
    total = area_size;
  } else {
    for (uint32_t r = range.low; r < range.high; ++r) {
      segments.push_back({postings_[sorted_[r]], sorted_[r]});
    }
    total = fewest;
  }

  const auto worse = [&](Slot a, Slot b) { return name_before(a, b); };  // max-heap on name
  const bool use_heap = wanted <= kHeapDepth;
  // Reads the candidates numbered [from, to) across the segments into `best`:
  // the best `wanted` of them in a heap, or all when the page is deep.
  const auto gather = [&](size_t from, size_t to, std::vector<Slot>& best) {
    const auto offer = [&](Slot slot) {
      if (!use_heap) {
        best.push_back(slot);
      } else if (best.size() < wanted) {
        best.push_back(slot);
        std::push_heap(best.begin(), best.end(), worse);
      } else if (name_before(slot, best.front())) {
        std::pop_heap(best.begin(), best.end(), worse);
        best.back() = slot;
        std::push_heap(best.begin(), best.end(), worse);
      }
    };
    size_t number = 0;
    for (const Segment& segment : segments) {
      if (number + segment.slots.size() <= from) {
        number += segment.slots.size();
        continue;
      }
      const size_t begin = from > number ? from - number : 0;
      const size_t end = std::min(segment.slots.size(), to - number);
      for (size_t i = begin; i < end; ++i) {
        const Slot slot = segment.slots[i];
        if (segment.via == kMembers) {
          if (matches(slot)) offer(slot);
          continue;
        }
        if (!area.contains(slot)) continue;
        // A name with two words in the range is on two lists: take it from
        // the list of the first of them only.
        WordId first = segment.via;
        for (WordId w : words_of(slot)) {
          if (range.holds(rank_[w])) {
            first = w;
            break;
          }
        }
        if (first == segment.via && matches(slot)) offer(slot);
      }
      number += segment.slots.size();
      if (number >= to) break;
    }
  };

  std::vector<Slot> best;
  if (threads > 1 && total >= kParallelCandidates) {
    // Halves read side by side; read-only, so no lock between them.
    std::vector<Slot> other;
    std::thread helper([&] { gather(total / 2, total, other); });
    gather(0, total / 2, best);
    helper.join();
    best.insert(best.end(), other.begin(), other.end());
  } else {
    gather(0, total, best);
  }

  if (best.size() > wanted) {
    std::nth_element(best.begin(), best.begin() + static_cast<ptrdiff_t>(wanted), best.end(),
                     worse);
    best.resize(wanted);
  }
  std::sort(best.begin(), best.end(), worse);
  if (best.size() <= offset) return {};
  return {best.begin() + static_cast<ptrdiff_t>(offset), best.end()};
}

}  // namespace phongdich

// Every person's name as word numbers in memory, for name search over any area.
//
// Why: a search over a province (millions of names) in the store must either
// read every name or anchor the first query word to the family name; at 10 M
// persons a common name ("nguyen van an") still read a third of the province
// and took seconds. Here each word of each name has a posting list, so a search
// reads only the names holding its rarest query word, with the same rule
// everywhere: each query word begins some word of the name (domain/name_words).
//
// Results come in name order: names compare word by word (words compare as
// text), then by slot, which is the order persons were added (their ids).
// Memory: 8 bytes per word of a name and 5 per person (330 MB at 10 M persons).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace phongdich {

class NameIndex {
 public:
  using Slot = uint32_t;  // the person's slot in the RegistryIndex
  using WordId = uint32_t;
  // Words after this many in one name are not indexed: no real name has them.
  static constexpr size_t kMaxWordsPerName = 16;

  // While loading, new words are not put in order one by one; finish_load()
  // orders them all at once. Outside a load every change keeps the order.
  void begin_load(size_t persons);
  void finish_load();

  // Sets the name of a slot (a new slot, or a rename), already folded.
  void set_name(Slot slot, std::string_view folded_name);

  // Where to search: the slots of an area, both as a test and as lists (a
  // commune's members each), so that a search reads whichever is shorter:
  // the area's slots or those holding the rarest query word.
  struct Area {
    std::function<bool(Slot)> contains;
    std::vector<std::span<const Slot>> members;
  };

  // The slots of `area` whose names match every query word, in name order,
  // skipping the first `offset`, at most `limit`. With `threads` > 1 a search
  // with many candidates reads them in two threads.
  std::vector<Slot> search(std::span<const std::string_view> query_words, const Area& area,
                           size_t limit, size_t offset, unsigned threads = 1) const;

  size_t slot_count() const { return first_word_.size(); }
  size_t word_count() const { return words_.size(); }

 private:
  // The positions in sorted order of the words that begin with `prefix`.
  std::pair<uint32_t, uint32_t> rank_range(std::string_view prefix) const;
  std::span<const WordId> words_of(Slot slot) const {
    return {slot_words_.data() + first_word_[slot], word_count_[slot]};
  }
  bool name_before(Slot a, Slot b) const;
  WordId word_id(std::string_view word);
  void rank_all();

  std::vector<std::string> words_;  // by id, in order of first appearance
  std::unordered_map<std::string, WordId> id_of_;
  std::vector<WordId> sorted_;               // word ids in text order
  std::vector<uint32_t> rank_;               // by id: its position in sorted_
  std::vector<std::vector<Slot>> postings_;  // by id: the slots whose names hold it
  // Each slot's word ids in name order: a run of slot_words_. A rename appends a
  // new run; the old one stays unused (renames are rare).
  std::vector<WordId> slot_words_;
  std::vector<uint32_t> first_word_;
  std::vector<uint8_t> word_count_;
  bool loading_ = false;
};

}  // namespace phongdich

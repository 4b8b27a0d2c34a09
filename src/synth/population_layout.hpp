// How the persons are laid out before any row is written: which commune each
// global person index falls in, the fixed-size chunks that are generated
// independently, and where each chunk's persons start in the citizen-ID
// numbering of their (sex, birth year) group.
//
// Everything here depends on the options only, never on the thread count,
// which is what makes the files byte-identical however they are produced.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "synth/synth_options.hpp"

namespace phongdich::synth {

inline constexpr uint64_t kChunkPersons = 8192;

// Random streams of one chunk; separate so that, e.g., a different invalid
// rate leaves the valid data as it was.
enum class Stream : uint64_t { demographics = 1, details = 2, invalid = 3 };

class PopulationLayout {
 public:
  explicit PopulationLayout(const SynthOptions& options);

  const SynthOptions& options() const { return options_; }
  uint64_t chunk_count() const { return chunk_count_; }

  // The commune of person `index` (0-based, global) and the person's
  // index within that commune.
  size_t commune_of(uint64_t index) const;
  uint64_t first_person_of(size_t commune) const { return commune_starts_[commune]; }

  // Citizen-ID groups: sex x birth year, counted back from the as-of year.
  int group_of(Sex sex, int birth_year) const;
  int group_count() const { return group_count_; }
  // How many persons of `group` come before `chunk`.
  uint32_t rank_offset(uint64_t chunk, int group) const {
    return rank_offsets_[chunk * static_cast<uint64_t>(group_count_) +
                         static_cast<uint64_t>(group)];
  }

 private:
  const SynthOptions& options_;
  uint64_t chunk_count_ = 0;
  std::vector<uint64_t> commune_starts_;  // size communes + 1
  int group_count_ = 0;
  std::vector<uint32_t> rank_offsets_;  // chunk-major
};

}  // namespace phongdich::synth

// The synthetic population and vaccination-history generator: writes
// persons.csv and doses.csv (docs/import-format.md) into options.output_dir.
//
// Deterministic: the same options give byte-identical files, whatever the
// thread count. Chunks of persons are generated from their own random streams
// on worker threads and written in chunk order.
#pragma once

#include <stdexcept>

#include "synth/synth_options.hpp"

namespace phongdich::synth {

// Thrown for unusable options (each violation explained) or when a file cannot be written.
class SynthError : public std::runtime_error {
 public:
  explicit SynthError(Violations violations);
  const Violations& violations() const { return violations_; }

 private:
  Violations violations_;
};

SynthSummary generate_population(const SynthOptions& options);

}  // namespace phongdich::synth

// Drawing one item of a small table by weight (names, products, age bands).
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "synth/random.hpp"

namespace phongdich::synth {

class WeightedChoice {
 public:
  WeightedChoice() = default;
  explicit WeightedChoice(std::span<const double> weights) {
    cumulative_.reserve(weights.size());
    double total = 0;
    for (double w : weights) cumulative_.push_back(total += w);
    for (double& c : cumulative_) c /= total;
  }
  // Index of the drawn item.
  size_t draw(Rng& rng) const {
    const double u = rng.real();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    return std::min(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
  }
  size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

}  // namespace phongdich::synth

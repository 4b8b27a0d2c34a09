#include "cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace phongdich::cli {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(int64_t done, int64_t total) {
  if (!enabled_ || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done != total) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  if (total > 0) {
    constexpr int kWidth = 30;
    const int filled =
        static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total));
    std::fprintf(stderr, "\r%s [%-*s] %3d%% %lld/%lld (%.0f/s)  ", label_.c_str(), kWidth,
                 std::string(static_cast<size_t>(std::min(filled, kWidth)), '#').c_str(),
                 static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)),
                 static_cast<long long>(done), static_cast<long long>(total), rate);
  } else {
    std::fprintf(stderr, "\r%s %lld (%.0f/s)  ", label_.c_str(), static_cast<long long>(done),
                 rate);
  }
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (drawn_ && !finished_) std::fputs("\n", stderr);
  finished_ = true;
}

}  // namespace phongdich::cli

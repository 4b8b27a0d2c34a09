#include "synth/generate_population.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "synth/population_chunk.hpp"
#include "synth/population_layout.hpp"

namespace phongdich::synth {
namespace {

std::string first_message(const Violations& v) {
  return v.empty() ? std::string("synthetic data generation failed") : v.front().message_en;
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_for_writing(const std::filesystem::path& path) {
  File f(std::fopen(path.c_str(), "wb"));
  if (!f) {
    throw SynthError({{"synth.write", "output_dir", "the output file can be created",
                       "Không tạo được tệp " + path.string() + ".",
                       "Cannot create the file " + path.string() + "."}});
  }
  return f;
}

void write_all(std::FILE* f, std::string_view text, const std::filesystem::path& path) {
  if (std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
    throw SynthError({{"synth.write", "output_dir", "the output file can be written",
                       "Không ghi được tệp " + path.string() + " (hết dung lượng?).",
                       "Cannot write the file " + path.string() + " (disk full?)."}});
  }
}

// Chunks in flight: workers fill slots ahead of the writer, at most kWindow
// chunks ahead, so memory stays bounded (a chunk is about 2 MB of text).
class ChunkPipeline {
 public:
  static constexpr uint64_t kWindow = 8;

  explicit ChunkPipeline(const PopulationLayout& layout) : layout_(layout), slots_(kWindow) {
    for (auto& slot : slots_) slot.chunk = UINT64_MAX;
  }

  void work() {
    for (;;) {
      const uint64_t chunk = next_.fetch_add(1);
      if (chunk >= layout_.chunk_count()) return;
      Slot& slot = slots_[chunk % kWindow];
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopped_ || chunk < written_ + kWindow; });
        if (stopped_) return;
      }
      generate_chunk(layout_, chunk, slot.output);
      {
        std::lock_guard lock(mutex_);
        slot.chunk = chunk;
      }
      changed_.notify_all();
    }
  }

  // The writer's side: waits for chunk `chunk`, which must be the next one.
  const ChunkOutput& wait_for(uint64_t chunk) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return slots_[chunk % kWindow].chunk == chunk; });
    return slots_[chunk % kWindow].output;
  }
  void release(uint64_t chunk) {
    {
      std::lock_guard lock(mutex_);
      written_ = chunk + 1;
    }
    changed_.notify_all();
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    changed_.notify_all();
  }

 private:
  struct Slot {
    uint64_t chunk;
    ChunkOutput output;
  };
  const PopulationLayout& layout_;
  std::vector<Slot> slots_;
  std::atomic<uint64_t> next_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
  uint64_t written_ = 0;
  bool stopped_ = false;
};

}  // namespace

SynthError::SynthError(Violations violations)
    : std::runtime_error(first_message(violations)), violations_(std::move(violations)) {}

SynthSummary generate_population(const SynthOptions& options) {
  if (Violations v = check_options(options); !v.empty()) throw SynthError(std::move(v));
  std::error_code ec;
  std::filesystem::create_directories(options.output_dir, ec);

  SynthSummary summary;
  summary.persons_file = options.output_dir / "persons.csv";
  summary.doses_file = options.output_dir / "doses.csv";
  File persons = open_for_writing(summary.persons_file);
  File doses = open_for_writing(summary.doses_file);
  // The chunks are large already; stdio's own buffer would only add a copy.
  std::setvbuf(persons.get(), nullptr, _IONBF, 0);
  std::setvbuf(doses.get(), nullptr, _IONBF, 0);
  write_all(persons.get(), kPersonsHeader, summary.persons_file);
  write_all(doses.get(), kDosesHeader, summary.doses_file);

  const PopulationLayout layout(options);
  ChunkPipeline pipeline(layout);
  std::vector<std::jthread> workers;
  for (int t = 0; t < options.threads; ++t) workers.emplace_back([&] { pipeline.work(); });
  try {
    for (uint64_t chunk = 0; chunk < layout.chunk_count(); ++chunk) {
      const ChunkOutput& out = pipeline.wait_for(chunk);
      write_all(persons.get(), out.persons, summary.persons_file);
      write_all(doses.get(), out.doses, summary.doses_file);
      summary.persons += out.person_rows;
      summary.doses += out.dose_rows;
      for (size_t k = 0; k < out.invalid.size(); ++k) summary.invalid[k] += out.invalid[k];
      summary.doses_of_invalid_persons += out.doses_of_invalid_persons;
      summary.doses_rejected_after_invalid += out.doses_rejected_after_invalid;
      pipeline.release(chunk);
      if (options.on_progress) options.on_progress(summary.persons, summary.doses);
    }
  } catch (...) {
    pipeline.stop();
    throw;
  }
  workers.clear();  // joins
  if (std::fclose(persons.release()) != 0 || std::fclose(doses.release()) != 0) {
    throw SynthError({{"synth.write", "output_dir", "the output files can be closed",
                       "Không ghi xong tệp kết quả (hết dung lượng?).",
                       "Could not finish writing the output files (disk full?)."}});
  }
  return summary;
}

}  // namespace phongdich::synth

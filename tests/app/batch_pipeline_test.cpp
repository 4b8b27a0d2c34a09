// The two-stage import pipeline: batches reach the consumer in order, an error
// in either stage stops the other and reaches the caller, and no more than
// `capacity` batches wait between the stages.
#include "app/batch_pipeline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace phongdich {
namespace {

using Batch = std::vector<int>;
using Emit = std::function<bool(Batch&&)>;

TEST(BatchPipelineTest, BatchesArriveInOrder) {
  std::vector<int> seen;
  size_t batches = 0;
  BatchPipeline<Batch>::run(
      [](const Emit& emit) {
        for (int b = 0; b < 200; ++b) {
          Batch batch;
          for (int i = 0; i < 10; ++i) batch.push_back(b * 10 + i);
          ASSERT_TRUE(emit(std::move(batch)));
        }
      },
      [&](Batch& batch) {
        ++batches;
        seen.insert(seen.end(), batch.begin(), batch.end());
      });
  EXPECT_EQ(batches, 200u);
  ASSERT_EQ(seen.size(), 2000u);
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(seen[static_cast<size_t>(i)], i);
}

TEST(BatchPipelineTest, NothingEmittedMeansNothingConsumed) {
  int consumed = 0;
  BatchPipeline<Batch>::run([](const Emit&) {}, [&](Batch&) { ++consumed; });
  EXPECT_EQ(consumed, 0);
}

TEST(BatchPipelineTest, ConsumerErrorStopsProducerAndIsRethrown) {
  std::atomic<int> emitted_ok{0};
  std::atomic<bool> producer_saw_stop{false};
  int consumed = 0;
  try {
    BatchPipeline<Batch>::run(
        [&](const Emit& emit) {
          // Would run for ever unless emit reports that the consumer stopped.
          for (int b = 0;; ++b) {
            if (!emit(Batch{b})) {
              producer_saw_stop = true;
              return;
            }
            ++emitted_ok;
          }
        },
        [&](Batch& batch) {
          ++consumed;
          if (batch[0] == 3) throw std::runtime_error("disk full at batch 3");
        },
        2);
    FAIL() << "the consumer's error was swallowed";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "disk full at batch 3");
  }
  EXPECT_TRUE(producer_saw_stop);
  EXPECT_EQ(consumed, 4);
  // Batches 0..3 were consumed; at most `capacity` more were queued behind them.
  EXPECT_GE(emitted_ok.load(), 4);
  EXPECT_LE(emitted_ok.load(), 4 + 2);
}

TEST(BatchPipelineTest, ProducerErrorIsRethrownAfterEmittedBatchesAreConsumed) {
  std::vector<int> consumed;
  try {
    BatchPipeline<Batch>::run(
        [](const Emit& emit) {
          for (int b = 0; b < 5; ++b) emit(Batch{b});
          throw std::invalid_argument("bad row in batch 5");
        },
        [&](Batch& batch) { consumed.push_back(batch[0]); }, 2);
    FAIL() << "the producer's error was swallowed";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "bad row in batch 5");
  }
  EXPECT_EQ(consumed, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(BatchPipelineTest, CapacityBoundsBatchesInFlight) {
  struct Row {
    size_t capacity;
  };
  for (const Row row : {Row{1}, Row{2}, Row{5}}) {
    SCOPED_TRACE(row.capacity);
    // emitted - consumed counts the batches handed over but not yet taken:
    // the ones in the queue plus (at most) the one the producer is pushing.
    std::atomic<int> emitted{0};
    std::atomic<int> consumed{0};
    int most_in_flight = 0;
    BatchPipeline<Batch>::run(
        [&](const Emit& emit) {
          for (int b = 0; b < 50; ++b) {
            if (!emit(Batch{b})) return;
            ++emitted;
          }
        },
        [&](Batch&) {
          // A slow consumer: let the producer fill the queue before taking more.
          for (int spin = 0; spin < 200 && emitted - consumed <= static_cast<int>(row.capacity);
               ++spin)
            std::this_thread::yield();
          most_in_flight = std::max(most_in_flight, emitted - consumed);
          ++consumed;
        },
        row.capacity);
    EXPECT_EQ(consumed, 50);
    // The batch being consumed has left the queue, so at most capacity + 1
    // batches are past emit and not yet finished.
    EXPECT_LE(most_in_flight, static_cast<int>(row.capacity) + 1);
    EXPECT_GE(most_in_flight, 1);
  }
}

}  // namespace
}  // namespace phongdich

#include "dispatch/model_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "dispatch/classifier.h"
#include "dispatch/test_data.h"
#include "testutil/testutil.h"

namespace lianxin::dispatch {
namespace {

class ModelFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    segmenter_ = std::shared_ptr<const text::Segmenter>(text::NewCharSegmenter());
    ClassifierOptions o;
    o.calibration_folds = 2;
    o.min_df = 1;
    auto c = Classifier::Train(testing::SyntheticMessages(12), o, segmenter_);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    classifier_ = std::move(*c);
  }
  std::string Bytes() const { return SerializeModel(classifier_->model()); }
  Status ParseError(const std::string& bytes) const {
    auto m = ParseModel(bytes);
    return m.ok() ? Status::Ok() : m.status();
  }

  std::shared_ptr<const text::Segmenter> segmenter_;
  std::unique_ptr<Classifier> classifier_;
  testutil::TempDir dir_;
};

TEST_F(ModelFileTest, SaveLoadRoundTripPredictsTheSame) {
  const std::string path = dir_.File("m.lxdm");
  ASSERT_TRUE(classifier_->Save(path).ok());
  auto loaded = Classifier::Load(path, segmenter_);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->labels(), classifier_->labels());
  EXPECT_EQ(ToString((*loaded)->options()), ToString(classifier_->options()));
  EXPECT_EQ((*loaded)->model().temperature(), classifier_->model().temperature());
  EXPECT_EQ((*loaded)->auto_threshold(), classifier_->auto_threshold());
  EXPECT_EQ(SerializeModel((*loaded)->model()), Bytes());
  for (const auto& m : testing::SyntheticMessages(5)) {
    const Prediction a = classifier_->Predict(m.title, m.body);
    const Prediction b = (*loaded)->Predict(m.title, m.body);
    EXPECT_EQ(a.label, b.label);
    EXPECT_EQ(a.probabilities, b.probabilities);
  }
}

TEST_F(ModelFileTest, FlippedByteFailsTheChecksum) {
  std::string bytes = Bytes();
  bytes[bytes.size() / 2] ^= 0x40;
  Status s = ParseError(bytes);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("checksum"), std::string::npos) << s.message();
}

TEST_F(ModelFileTest, AnyFlippedByteIsRefused) {
  const std::string bytes = Bytes();
  const size_t step = std::max<size_t>(1, bytes.size() / 200);
  for (size_t pos = 0; pos < bytes.size(); pos += (pos < 32 ? 1 : step)) {
    std::string bad = bytes;
    bad[pos] ^= 0x01;
    EXPECT_FALSE(ParseModel(bad).ok()) << "flipped byte " << pos;
  }
}

TEST_F(ModelFileTest, TruncatedFileIsRefused) {
  const std::string bytes = Bytes();
  for (size_t keep : {bytes.size() - 1, bytes.size() / 2, size_t{20}, size_t{10}}) {
    Status s = ParseError(bytes.substr(0, keep));
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("truncated"), std::string::npos) << keep << ": " << s.message();
  }
  Status s = ParseError(bytes + "x");
  EXPECT_NE(s.message().find("trailing"), std::string::npos) << s.message();
}

TEST_F(ModelFileTest, WrongMagicOrVersionIsRefused) {
  std::string bytes = Bytes();
  Status s = ParseError("PK\x03\x04 this is a zip file, not a model");
  EXPECT_NE(s.message().find("not a lianxin dispatch model"), std::string::npos) << s.message();
  EXPECT_NE(ParseError("").message().find("not a lianxin dispatch model"), std::string::npos);
  bytes[4] = 99;  // version
  s = ParseError(bytes);
  EXPECT_NE(s.message().find("unsupported model format version 99"), std::string::npos) << s.message();
}

TEST_F(ModelFileTest, LoadErrorsNameThePath) {
  auto missing = LoadModel(dir_.File("absent.lxdm"));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  const std::string path = dir_.File("corrupt.lxdm");
  std::string bytes = Bytes();
  bytes[100] ^= 1;
  std::ofstream(path, std::ios::binary) << bytes;
  auto corrupt = Classifier::Load(path, segmenter_);
  EXPECT_EQ(corrupt.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(corrupt.status().message().find(path), std::string::npos);
}

TEST_F(ModelFileTest, OtherSegmenterIsAFailedPrecondition) {
  const std::string path = dir_.File("m.lxdm");
  ASSERT_TRUE(classifier_->Save(path).ok());
  auto jieba = text::LoadJiebaSegmenter({});
  ASSERT_TRUE(jieba.ok());
  auto loaded = Classifier::Load(path, std::shared_ptr<const text::Segmenter>(std::move(*jieba)));
  EXPECT_EQ(loaded.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(ModelFileTest, SaveToAMissingFolderIsUnavailable) {
  EXPECT_EQ(classifier_->Save(dir_.File("no/such/dir/m.lxdm")).code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace lianxin::dispatch

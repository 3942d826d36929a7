// The import pipeline against the in-memory backend: plan, upload, journal crash paths, resume,
// rollback, batching and bulk matching.
#include "fakebackend.h"
#include "fixtures.h"
#include "predictions/assetmatcher.h"
#include "predictions/importjournal.h"
#include "predictions/importrollback.h"
#include "predictions/predictionimport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::predictions;
using namespace kili::predictions::testing;
using Fault = FakeBackend::Fault;

namespace {

QString s(const char* text) {
    return QString::fromUtf8(text);
}

const QByteArray kCar001 =
    R"({"CLASSIFICATION_JOB":{"categories":[{"name":"CAR","confidence":87,"children":{"COLOR":{"categories":[{"name":"RED","confidence":60},{"name":"BLUE","confidence":30}]}}}]}})";

class Pipeline : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_journals.isValid());
        qputenv("KILI_DESK_JOURNAL_DIR", m_journals.path().toUtf8());
        backend.setInterface(testInterface());
        for (const char* id : {"car-001", "car-002", "car-003", "car-004", "doc-001"})
            backend.addAsset(s(id));
    }

    ImportRequest request(const QString& file) {
        ImportRequest request;
        request.settings.projectId = s("P1");
        request.settings.modelName = s("model-a");
        request.inputs = {dataPath(file)};
        return request;
    }

    // Runs an import to its end and returns it.
    std::unique_ptr<PredictionImport> run(const ImportRequest& request) {
        auto import = std::make_unique<PredictionImport>(backend);
        QSignalSpy done(import.get(), &PredictionImport::finished);
        import->start(request);
        EXPECT_TRUE(done.count() == 1 || done.wait(10000));
        return import;
    }

    std::unique_ptr<PredictionImport> resume(const QString& importId) {
        auto import = std::make_unique<PredictionImport>(backend);
        QSignalSpy done(import.get(), &PredictionImport::finished);
        import->resume(importId);
        EXPECT_TRUE(done.count() == 1 || done.wait(10000));
        return import;
    }

    FakeBackend backend;

private:
    QTemporaryDir m_journals;
};

} // namespace

TEST_F(Pipeline, PlanSaysWhatWillHappen) {
    backend.addLabel(s("id-car-001"), kili::LabelType::Prediction, s("model-a"), kCar001);
    backend.addLabel(s("id-car-002"), kili::LabelType::Default, {}, "{}");
    backend.addLabel(s("id-car-004"), kili::LabelType::Prediction, s("model-a"), "{}");
    ImportRequest dry = request(s("good.jsonl"));
    dry.dryRun = true;
    dry.settings.overwrite = true;
    const auto import = run(dry);
    const ImportPlan& plan = import->plan();
    EXPECT_EQ(plan.alreadyPresent.size(), 1);
    EXPECT_EQ(plan.alreadyPresent.first().externalId, s("car-001"));
    EXPECT_EQ(plan.overwriteCount, 1); // car-004 has an older model-a prediction
    EXPECT_EQ(plan.assetsWithHumanLabels, 1);
    // the item given by asset id "clbasset…01" does not exist in the project
    EXPECT_EQ(plan.unknownIds, QStringList{s("clbasset000000000000000001")});
    EXPECT_EQ(plan.toCreate.size(), 4u);
    EXPECT_EQ(import->exitCode(), PredictionImport::InvalidItems);
    EXPECT_EQ(backend.appendCalls, 0);
    EXPECT_EQ(import->report().toJson().value(s("dryRun")).toBool(), true);
    EXPECT_TRUE(plan.summaryText().contains(s("4 prediction(s) to create")));
}

TEST_F(Pipeline, InvalidItemsStopEverythingUnlessSkipped) {
    const auto strict = run(request(s("bad.jsonl")));
    EXPECT_EQ(strict->exitCode(), PredictionImport::InvalidItems);
    EXPECT_EQ(backend.appendCalls, 0);
    EXPECT_TRUE(strict->importId().isEmpty());

    ImportRequest lenient = request(s("bad.jsonl"));
    lenient.skipInvalid = true;
    const auto skipped = run(lenient);
    EXPECT_EQ(skipped->exitCode(), PredictionImport::InvalidItems);
    EXPECT_EQ(skipped->report().created, 1); // line 19, car-001
    EXPECT_EQ(backend.labelsOf(s("id-car-001")).size(), 1);
    const QJsonObject json = skipped->report().toJson();
    EXPECT_GE(json.value(s("invalid")).toArray().size(), 20);
    EXPECT_FALSE(json.value(s("importId")).toString().isEmpty());
}

TEST_F(Pipeline, ImportsEverythingOnceThenFindsItPresent) {
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true; // the asset-id item is unknown here
    const auto first = run(all);
    EXPECT_EQ(first->report().created, 5);
    EXPECT_EQ(first->report().labelIds.size(), 5);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
    // per-item model name: car-003 came with "other-model"
    EXPECT_EQ(backend.labelsOf(s("id-car-003")).first().modelName, s("other-model"));
    EXPECT_EQ(backend.labelsOf(s("id-car-001")).first().modelName, s("model-a"));

    const auto second = run(all);
    EXPECT_EQ(second->report().created, 0);
    EXPECT_EQ(second->report().alreadyPresent, 5);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
}

TEST_F(Pipeline, LostAnswerIsCheckedNotResent) {
    backend.scriptAppend({Fault::LoseAnswer});
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true;
    const auto import = run(all);
    EXPECT_EQ(import->report().created, 5) << import->report().summaryText().toStdString();
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
    EXPECT_GE(backend.fetchLabelCalls, 1);
    EXPECT_EQ(import->exitCode(), PredictionImport::InvalidItems); // the unknown asset id
}

TEST_F(Pipeline, DroppedBeforeTheServerIsResentOnce) {
    backend.scriptAppend({Fault::UnknownNotApplied, Fault::UnknownNotApplied});
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true;
    const auto import = run(all);
    EXPECT_EQ(import->report().created, 5);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
}

TEST_F(Pipeline, KilledBetweenSendAndRecordResumesWithoutDuplicates) {
    backend.scriptAppend({Fault::NeverAnswer, Fault::NeverAnswer});
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true;
    QString importId;
    {
        auto import = std::make_unique<PredictionImport>(backend);
        QSignalSpy sending(import.get(), &PredictionImport::uploadProgress);
        import->start(all);
        ASSERT_TRUE(sending.wait(5000));
        QCoreApplication::processEvents();
        importId = import->importId();
        // the process dies here: the batches were created on the server, nothing recorded it
        backend.cancelAll();
        import.reset();
    }
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
    QString error;
    // Read only: a journal open for writing would lock the resume below out.
    const auto journal = ImportJournal::read(importId, &error);
    ASSERT_TRUE(journal) << error.toStdString();
    const auto summaries = ImportJournal::list();
    ASSERT_EQ(summaries.size(), 1) << error.toStdString();
    EXPECT_EQ(summaries.first().inDoubt, 5);
    const auto resumed = resume(summaries.first().importId);
    EXPECT_EQ(resumed->exitCode(), PredictionImport::InvalidItems);
    EXPECT_EQ(resumed->report().created, 5);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5); // nothing twice
    EXPECT_EQ(backend.appendCalls, 2);                             // nothing resent
}

TEST_F(Pipeline, RefusedBatchFailsWithExit3AndResumeFinishesIt) {
    backend.scriptAppend({Fault::Refuse, Fault::Refuse});
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true;
    const auto import = run(all);
    EXPECT_EQ(import->exitCode(), PredictionImport::BatchesFailed);
    EXPECT_LT(import->report().created, 5);
    EXPECT_FALSE(import->report().errors.isEmpty());
    EXPECT_TRUE(import->report().summaryText().contains(s("kili-desk-cli resume")));
    const auto resumed = resume(import->importId());
    EXPECT_EQ(resumed->report().created, 5);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
}

TEST_F(Pipeline, VerificationUnreachableLeavesTheBatchInDoubt) {
    backend.scriptAppend({Fault::LoseAnswer});
    backend.setFetchLabelsFails(true);
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true;
    const auto import = run(all);
    EXPECT_EQ(import->exitCode(), PredictionImport::BatchesFailed);
    EXPECT_GT(import->report().inDoubt, 0);
    backend.setFetchLabelsFails(false);
    const auto resumed = resume(import->importId());
    EXPECT_EQ(resumed->report().created, 5);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
}

TEST_F(Pipeline, CancelThenResume) {
    backend.scriptAppend({Fault::NeverAnswer});
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true;
    auto import = std::make_unique<PredictionImport>(backend);
    QSignalSpy progress(import.get(), &PredictionImport::uploadProgress);
    QSignalSpy done(import.get(), &PredictionImport::finished);
    import->start(all);
    ASSERT_TRUE(progress.wait(5000));
    import->cancel();
    ASSERT_EQ(done.count(), 1);
    EXPECT_EQ(import->exitCode(), PredictionImport::BatchesFailed);
    const auto resumed = resume(import->importId());
    EXPECT_EQ(resumed->report().created, 5);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 5);
}

TEST_F(Pipeline, RollbackDeletesExactlyWhatTheImportCreated) {
    const QString older =
        backend.addLabel(s("id-car-002"), kili::LabelType::Prediction, s("model-a"), "{}");
    backend.scriptAppend({Fault::Refuse, Fault::NeverAnswer}); // car-003 batch in doubt
    ImportRequest all = request(s("good.jsonl"));
    all.skipInvalid = true;
    all.settings.overwrite = false;
    auto import = std::make_unique<PredictionImport>(backend);
    QSignalSpy done(import.get(), &PredictionImport::finished);
    import->start(all);
    // first batch refused; second (other-model) never answers: cancel to end the run
    QSignalSpy progress(import.get(), &PredictionImport::uploadProgress);
    ASSERT_TRUE(progress.wait(5000));
    while (backend.appendCalls < 2)
        QCoreApplication::processEvents();
    import->cancel();
    ASSERT_EQ(done.count(), 1);
    const int created = backend.labelCount(kili::LabelType::Prediction) - 1;
    EXPECT_GE(created, 1);
    QString error;
    auto journal = ImportJournal::open(import->importId(), &error);
    ASSERT_TRUE(journal) << error.toStdString();
    ImportRollback rollback(*journal, backend);
    QSignalSpy rolled(&rollback, &ImportRollback::finished);
    rollback.start();
    ASSERT_TRUE(rolled.wait(5000));
    EXPECT_TRUE(rolled.first().first().toBool()) << rollback.errors().join(s("\n")).toStdString();
    EXPECT_EQ(rollback.deletedCount(), created);
    EXPECT_EQ(backend.labelCount(kili::LabelType::Prediction), 1); // only the older one
    EXPECT_EQ(backend.labelsOf(s("id-car-002")).first().id, older);
    EXPECT_EQ(ImportJournal::list().first().state, s("rolled back"));
}

TEST_F(Pipeline, BatchesOfAtMost100AndBulkMatching) {
    QTemporaryDir dir;
    QFile file(dir.filePath(s("many.jsonl")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 1234; ++i) {
        const QString id = QStringLiteral("bulk-%1").arg(i);
        backend.addAsset(id);
        file.write(
            QStringLiteral(
                R"({"externalId":"%1","jsonResponse":{"TAGS":{"categories":[{"name":"B"}]}}})")
                .arg(id)
                .toUtf8()
            + '\n');
    }
    file.close();
    ImportRequest many;
    many.settings.projectId = s("P1");
    many.settings.modelName = s("m");
    many.inputs = {file.fileName()};
    const auto import = run(many);
    EXPECT_EQ(import->exitCode(), PredictionImport::Success) << import->errorString().toStdString();
    EXPECT_EQ(import->report().created, 1234);
    EXPECT_EQ(backend.fetchAssetCalls, 3); // ⌈1234 / 500⌉
    EXPECT_EQ(backend.appendCalls, 13);    // ⌈1234 / 100⌉
    for (int size : std::as_const(backend.batchSizes))
        EXPECT_LE(size, 100);
}

TEST(ImportJournal, TornLastLineIsIgnored) {
    QTemporaryDir dir;
    qputenv("KILI_DESK_JOURNAL_DIR", dir.path().toUtf8());
    ImportPlan plan;
    plan.settings.projectId = s("P");
    plan.settings.modelName = s("m");
    for (int i = 0; i < 3; ++i)
        plan.toCreate.push_back(
            {QStringLiteral("a%1").arg(i), QStringLiteral("e%1").arg(i), s("m"), "{}", {}, false});
    JournalHeader header;
    header.importId = s("20261201-000000-00abcd");
    header.projectId = s("P");
    header.settings = plan.settings;
    QString error;
    {
        auto journal = ImportJournal::create(header, plan, 2, &error);
        ASSERT_TRUE(journal) << error.toStdString();
        EXPECT_EQ(journal->batches().size(), 2);
        ASSERT_TRUE(journal->recordSending(0, {0, 1}));
        ASSERT_TRUE(journal->recordSent(0, {0, 1}, {s("L1"), s("L2")}));
        ASSERT_TRUE(journal->recordSending(1, {0}));
    }
    QFile raw(dir.filePath(s("20261201-000000-00abcd.journal")));
    ASSERT_TRUE(raw.open(QIODevice::Append));
    raw.write(R"({"r":"sent","n":1,"items":[0],"labelIds":["L3"])"); // torn: no newline
    raw.close();
    auto journal = ImportJournal::open(s("20261201-000000-00abcd"), &error);
    ASSERT_TRUE(journal) << error.toStdString();
    EXPECT_EQ(journal->confirmedItems(), 2);
    EXPECT_EQ(journal->inDoubtItems(), 1);
    EXPECT_EQ(journal->createdLabelIds(), (QStringList{s("L1"), s("L2")}));
    ASSERT_TRUE(journal->recordFailed(1, {0}, s("refused"), false));
    journal.reset();
    journal = ImportJournal::open(s("20261201-000000-00abcd"), &error);
    EXPECT_EQ(journal->inDoubtItems(), 0);
    EXPECT_EQ(journal->batches().at(1).pendingItems(), QList<int>{0});
}

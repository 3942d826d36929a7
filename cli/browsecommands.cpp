// kili-desk-cli projects, interface and labels.
#include "api/connection.h"
#include "api/countjobs.h"
#include "api/labeljobs.h"
#include "api/projectjobs.h"
#include "cli/clioutput.h"
#include "cli/clirunner.h"
#include "domain/interface.h"
#include "predictions/predictionimport.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace kili::cli {

using kili::api::Feature;
using kili::predictions::PredictionImport;

namespace {

QString o(const char* text) {
    return QString::fromUtf8(text);
}

QJsonObject labelJson(const kili::Label& label) {
    return QJsonObject{{o("id"), label.id},
                       {o("labelType"), label.labelType.toString()},
                       {o("modelName"), label.modelName},
                       {o("assetId"), label.assetId},
                       {o("externalId"), label.assetExternalId},
                       {o("author"), label.author.email},
                       {o("createdAt"), label.createdAt.toString(Qt::ISODateWithMs)},
                       {o("jsonResponse"), label.jsonResponse}};
}

} // namespace

int CliRunner::projects(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption json(o("json"), o("machine-readable output"));
    parser.addOption(json);
    if (!parser.parse(QStringList{o("projects")} + arguments)
        || !parser.positionalArguments().isEmpty())
        return usageError(o("usage: projects [--json]"));
    if (!serverOffers({Feature::BrowseProjects}))
        return PredictionImport::UsageOrConnection;
    kili::api::ProjectsJob job(m_connection.get());
    if (!runToEnd(job))
        return failure(job.error().message);
    const QList<kili::Project> projects = job.projects();
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const kili::Project& project : projects) {
            array.append(
                QJsonObject{{o("id"), project.id},
                            {o("title"), project.title},
                            {o("description"), project.description},
                            {o("inputType"), project.inputType},
                            {o("numberOfAssets"), project.numberOfAssets},
                            {o("numberOfRemainingAssets"), project.numberOfRemainingAssets},
                            {o("numberOfReviewedAssets"), project.numberOfReviewedAssets}});
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    m_out << cell(o("ID"), 28) << cell(o("TITLE"), 32) << cell(o("TYPE"), 10)
          << "ASSETS  PROGRESS\n";
    for (const kili::Project& project : projects) {
        m_out << cell(project.id, 28) << cell(project.title, 32) << cell(project.inputType, 10)
              << cell(QString::number(project.numberOfAssets), 8)
              << QString::number(project.progress() * 100, 'f', 0) << "%\n";
    }
    return 0;
}

int CliRunner::interface(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption json(o("json"), o("the jsonInterface as the server sends it"));
    parser.addOption(json);
    if (!parser.parse(QStringList{o("interface")} + arguments)
        || parser.positionalArguments().size() != 1)
        return usageError(o("usage: interface PROJECT_ID [--json]"));
    if (!serverOffers({Feature::ReadInterface}))
        return PredictionImport::UsageOrConnection;
    const std::optional<kili::Project> found = findProject(parser.positionalArguments().first());
    if (!found)
        return PredictionImport::UsageOrConnection;
    const kili::Project& project = *found;
    if (parser.isSet(json)) {
        m_out << project.jsonInterface << "\n";
        return 0;
    }
    QString error;
    const kili::Interface interface = project.interface(&error);
    if (!error.isEmpty())
        m_err << "warning: " << printable(error, true) << "\n";
    m_out << printable(project.title) << " (" << project.id << ", " << project.inputType << ")\n";
    for (const kili::Job& jobInfo : interface.jobs()) {
        m_out << "  " << printable(jobInfo.name) << "  " << jobInfo.mlTask;
        if (!jobInfo.input.isEmpty())
            m_out << " / " << jobInfo.input;
        if (!jobInfo.tools.isEmpty())
            m_out << " [" << printable(jobInfo.tools.join(QStringLiteral(", "))) << "]";
        if (jobInfo.isChild)
            m_out << " (child)";
        if (jobInfo.required)
            m_out << " (required)";
        m_out << "\n";
        for (const kili::Category& category : jobInfo.categories) {
            m_out << "      " << printable(category.key);
            if (category.name != category.key)
                m_out << " \"" << printable(category.name) << "\"";
            if (!category.children.isEmpty())
                m_out << " -> " << printable(category.children.join(QStringLiteral(", ")));
            m_out << "\n";
        }
    }
    return 0;
}

int CliRunner::labels(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption type(o("type"), o("label types"), o("T,..."));
    const QCommandLineOption model(o("model"), o("model name"), o("NAME"));
    const QCommandLineOption externalId(o("external-id"), o("asset external id"), o("ID"));
    const QCommandLineOption assetId(o("asset-id"), o("asset id"), o("ID"));
    const QCommandLineOption author(o("author"), o("author's name"), o("NAME"));
    const QCommandLineOption from(o("created-from"), o("first day"), o("DATE"));
    const QCommandLineOption until(o("created-until"), o("last day"), o("DATE"));
    const QCommandLineOption json(o("json"), o("machine-readable output"));
    parser.addOptions({type, model, externalId, assetId, author, from, until, json});
    if (!parser.parse(QStringList{o("labels")} + arguments)
        || parser.positionalArguments().size() != 1)
        return usageError(o("usage: labels PROJECT_ID [--type T,...] [--model NAME] "
                            "[--external-id ID] [--asset-id ID] [--author NAME] "
                            "[--created-from DATE] [--created-until DATE] [--json]"));
    kili::api::LabelFilter filter;
    filter.projectId = parser.positionalArguments().first();
    const QStringList types = parser.value(type).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& name : types) {
        const kili::LabelType labelType = kili::LabelType::fromString(name.trimmed().toUpper());
        if (!labelType.isKnown())
            return usageError(QStringLiteral("\"%1\" is not a label type (DEFAULT, PREDICTION, "
                                             "REVIEW, INFERENCE, AUTOSAVE)")
                                  .arg(name));
        filter.labelTypes << labelType;
    }
    if (parser.isSet(externalId))
        filter.assetExternalIds << parser.value(externalId);
    filter.assetId = parser.value(assetId);
    if (parser.isSet(author))
        filter.authors << parser.value(author);
    for (const auto& [option, date] :
         {std::pair{&from, &filter.createdAtGte}, std::pair{&until, &filter.createdAtLte}}) {
        if (!parser.isSet(*option))
            continue;
        *date = QDate::fromString(parser.value(*option), Qt::ISODate);
        if (!date->isValid())
            return usageError(QStringLiteral("--%1 \"%2\" is not a date (YYYY-MM-DD)")
                                  .arg(option->names().first(), parser.value(*option)));
    }
    if (!serverOffers({Feature::ReadInterface, Feature::BrowseLabels})
        || !findProject(filter.projectId))
        return PredictionImport::UsageOrConnection;
    // Kili's LabelWhere has no model name: that one narrows each page as it arrives.
    return streamLabels(filter, parser.value(model), parser.isSet(json));
}

// Prints each page as it arrives (a project of 200,000 assets shows its first rows at once and
// never sits in memory whole), with a progress line on stderr when it is a terminal.
int CliRunner::streamLabels(const kili::api::LabelFilter& filter, const QString& model, bool json) {
    int total = -1;
    if (m_progress) {
        kili::api::CountLabelsJob count(m_connection.get(), filter);
        if (runToEnd(count))
            total = count.count();
    }
    if (json)
        m_out << "[";
    else
        m_out << cell(o("ID"), 28) << cell(o("TYPE"), 11) << cell(o("MODEL"), 20)
              << cell(o("EXTERNAL ID"), 24) << cell(o("ASSET"), 28) << "CREATED\n";
    qint64 shown = 0;
    kili::api::LabelsJob job(m_connection.get(), filter);
    connect(&job, &kili::api::LabelsJob::pageReceived, this,
            [&](const QList<kili::Label>& page, int) {
                for (const kili::Label& label : page) {
                    if (!model.isEmpty() && label.modelName != model)
                        continue;
                    if (json) {
                        m_out << (shown ? ",\n  " : "\n  ")
                              << QJsonDocument(labelJson(label)).toJson(QJsonDocument::Compact);
                    } else {
                        m_out << cell(label.id, 28) << cell(label.labelType.toString(), 11)
                              << cell(label.modelName, 20) << cell(label.assetExternalId, 24)
                              << cell(label.assetId, 28) << label.createdAt.toString(Qt::ISODate)
                              << "\n";
                    }
                    ++shown;
                }
                m_out.flush();
                if (m_progress)
                    m_err << "\rlabels: " << job.receivedCount()
                          << (total >= 0 ? QStringLiteral(" of %1").arg(total) : QString())
                          << " read" << Qt::flush;
            });
    const bool ok = runToEnd(job);
    if (m_progress)
        m_err << "\r                                        \r" << Qt::flush;
    if (json)
        m_out << (shown ? "\n]\n" : "]\n");
    m_out.flush();
    if (!ok)
        return failure(job.error().message);
    return 0;
}

} // namespace kili::cli

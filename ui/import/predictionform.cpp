#include "ui/import/predictionform.h"

#include "predictions/kiliapibackend.h"
#include "ui/import/importsettingsstore.h"
#include "ui/import/jobeditors.h"
#include "ui/import/predictionsender.h"
#include "ui/import/responsecheck.h"
#include "ui/jsonhighlighter.h"

#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace kili::ui {

PredictionForm::PredictionForm(api::Connection* connection, QWidget* parent)
    : QWidget(parent)
    , m_backend(std::make_unique<predictions::KiliApiBackend>(connection))
    , m_sender(new PredictionSender(*m_backend, this))
    , m_target(new QLabel(this))
    , m_jobs(new QWidget(this))
    , m_jobsLayout(new QVBoxLayout(m_jobs))
    , m_json(new QPlainTextEdit(this))
    , m_problemsLabel(new QLabel(this))
    , m_modelName(new QLineEdit(this))
    , m_submit(new QPushButton(QStringLiteral("&Submit prediction"), this))
    , m_result(new QLabel(this)) {
    setObjectName(QStringLiteral("predictionForm"));
    m_target->setWordWrap(true);
    m_json->setObjectName(QStringLiteral("predictionJson"));
    m_json->setReadOnly(true);
    m_json->setAccessibleName(QStringLiteral("jsonResponse preview"));
    m_json->setFont(QFont(QStringLiteral("monospace")));
    new JsonHighlighter(m_json->document());
    m_problemsLabel->setObjectName(QStringLiteral("predictionProblems"));
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelName->setObjectName(QStringLiteral("predictionModelName"));
    m_modelName->setPlaceholderText(QStringLiteral("required, e.g. manual-v1"));
    m_submit->setObjectName(QStringLiteral("submitPrediction"));
    m_result->setWordWrap(true);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_jobs);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(scroll);
    splitter->addWidget(m_json);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* submitRow = new QFormLayout;
    submitRow->addRow(QStringLiteral("&Model name:"), m_modelName);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_problemsLabel);
    layout->addLayout(submitRow);
    layout->addWidget(m_submit, 0, Qt::AlignRight);
    layout->addWidget(m_result);

    connect(m_modelName, &QLineEdit::textChanged, this, &PredictionForm::updateSubmit);
    connect(m_submit, &QPushButton::clicked, this, &PredictionForm::submit);
    connect(m_sender, &PredictionSender::finished, this, [this](bool success) {
        const QString message = success
                                    ? QStringLiteral("Created %1 prediction(s) of model \"%2\".")
                                          .arg(m_sender->createdLabelIds().size())
                                          .arg(m_modelName->text().trimmed())
                                    : QStringLiteral("Not every prediction was created: %1")
                                          .arg(m_sender->errors().join(QStringLiteral("; ")));
        m_result->setText(message);
        updateSubmit();
        Q_EMIT submitted(success, message);
    });
    setAssets({});
}

PredictionForm::~PredictionForm() = default;

void PredictionForm::setProject(const Project& project) {
    m_project = project;
    m_interface = project.interface();
    m_check = std::make_unique<ResponseCheck>(m_interface);
    m_modelName->setText(ImportSettingsStore(project.id).modelName());
    m_assets.clear();
    rebuild();
    setAssets({});
}

void PredictionForm::rebuild() {
    qDeleteAll(m_editors);
    m_editors.clear();
    while (QLayoutItem* item = m_jobsLayout->takeAt(0))
        delete item;
    for (const QString& name : m_interface.rootJobNames()) {
        const Job* job = m_interface.job(name);
        JobEditor* editor = JobEditor::create(m_interface, *job, m_jobs);
        m_jobsLayout->addWidget(editor);
        m_editors << editor;
        connect(editor, &JobEditor::changed, this, &PredictionForm::updatePreview);
    }
    m_jobsLayout->addStretch();
    updatePreview();
}

void PredictionForm::setAssets(const QList<Asset>& assets) {
    m_assets = assets;
    QStringList names;
    for (const Asset& asset : assets)
        names << (asset.externalId.isEmpty() ? asset.id : asset.externalId);
    if (names.size() > 5)
        names = names.mid(0, 5) << QStringLiteral("… (%1 in all)").arg(assets.size());
    m_target->setText(assets.isEmpty()
                          ? QStringLiteral("Select one or more assets in the tree: the "
                                           "prediction is created on each of them.")
                          : QStringLiteral("For %1 asset(s): %2")
                                .arg(assets.size())
                                .arg(names.join(QStringLiteral(", "))));
    m_result->clear();
    updateSubmit();
}

JobEditor* PredictionForm::editor(const QString& job) const {
    return findChild<JobEditor*>(QStringLiteral("job:") + job);
}

QJsonObject PredictionForm::response() const {
    QJsonObject response;
    for (const JobEditor* editor : m_editors) {
        const QJsonObject answer = editor->response();
        if (!answer.isEmpty())
            response.insert(editor->job().name, answer);
    }
    return response;
}

void PredictionForm::updatePreview() {
    const QJsonObject current = response();
    m_json->setPlainText(QString::fromUtf8(QJsonDocument(current).toJson(QJsonDocument::Indented)));
    m_problems = m_check ? m_check->check(current) : QList<predictions::Problem>();
    QStringList lines;
    for (const predictions::Problem& problem : std::as_const(m_problems)) {
        QString line = problem.job.isEmpty() ? problem.message
                                             : problem.job + QLatin1String(": ") + problem.message;
        if (!problem.source.pointer.isEmpty())
            line += QLatin1String(" (at ") + problem.source.pointer + QLatin1Char(')');
        lines << line;
    }
    if (current.isEmpty())
        m_problemsLabel->setText(QStringLiteral("Answer at least one job."));
    else
        m_problemsLabel->setText(lines.isEmpty()
                                     ? QStringLiteral("✔ The checks find nothing wrong.")
                                     : QStringLiteral("✘ ") + lines.join(QStringLiteral("\n✘ ")));
    updateSubmit();
}

void PredictionForm::updateSubmit() {
    bool errors = false;
    for (const predictions::Problem& problem : std::as_const(m_problems))
        errors = errors || problem.isError();
    const bool ready = !m_assets.isEmpty() && !m_modelName->text().trimmed().isEmpty()
                       && !response().isEmpty() && !errors && !m_sender->isRunning();
    m_submit->setEnabled(ready);
    m_submit->setText(m_assets.size() > 1
                          ? QStringLiteral("&Submit to %1 assets").arg(m_assets.size())
                          : QStringLiteral("&Submit prediction"));
}

bool PredictionForm::submit() {
    updatePreview();
    if (!m_submit->isEnabled())
        return false;
    const QString model = m_modelName->text().trimmed();
    ImportSettingsStore(m_project.id).setModelName(model);
    QList<OutgoingPrediction> outgoing;
    const QJsonObject current = response();
    for (const Asset& asset : std::as_const(m_assets))
        outgoing.append({asset.id, current});
    m_result->setText(QStringLiteral("Sending…"));
    const bool started =
        m_sender->send(m_project.id, model, LabelType(LabelType::Prediction), outgoing);
    updateSubmit();
    return started;
}

QStringList PredictionForm::createdLabelIds() const {
    return m_sender->createdLabelIds();
}

} // namespace kili::ui

// --load PROJECT.json (with errors that name the place) and --generate.
#include "sandbox/imagesize.h"
#include "sandboxclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace kili::sandbox;
using kili::sandbox::testing::HttpResult;
using kili::sandbox::testing::SandboxClient;

namespace {

QString writeFile(const QTemporaryDir& folder, const QString& name, const QByteArray& content) {
    QFile file(folder.filePath(name));
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(content);
    return file.fileName();
}

QByteArray project(const QJsonArray& assets) {
    return QJsonDocument(QJsonObject{{QStringLiteral("title"), QStringLiteral("Loaded")},
                                     {QStringLiteral("inputType"), QStringLiteral("IMAGE")},
                                     {QStringLiteral("jsonInterface"),
                                      QJsonObject{{QStringLiteral("jobs"), QJsonObject()}}},
                                     {QStringLiteral("assets"), assets}})
        .toJson();
}

QString loadError(const QByteArray& json) {
    QTemporaryDir folder;
    SandboxOptions options;
    options.loadFiles = {writeFile(folder, QStringLiteral("project.json"), json)};
    SandboxServer server(options);
    QString error;
    EXPECT_FALSE(server.start(&error));
    return error;
}

} // namespace

TEST(SandboxLoader, LoadsAssetsLabelsAndFiles) {
    QTemporaryDir folder;
    QFile png(QStringLiteral(":/kili/sandbox/demo/placeholder.png"));
    ASSERT_TRUE(png.open(QIODevice::ReadOnly));
    writeFile(folder, QStringLiteral("a.png"), png.readAll());
    png.seek(0);
    const QJsonArray assets{
        QJsonObject{{QStringLiteral("externalId"), QStringLiteral("one")},
                    {QStringLiteral("content"), QStringLiteral("a.png")},
                    {QStringLiteral("labels"),
                     QJsonArray{QJsonObject{
                         {QStringLiteral("labelType"), QStringLiteral("DEFAULT")},
                         {QStringLiteral("jsonResponse"), QJsonObject()},
                         {QStringLiteral("author"), QStringLiteral("zoe@example.com")},
                         {QStringLiteral("createdAt"), QStringLiteral("2024-02-03T04:05:06.789Z")},
                         {QStringLiteral("secondsToLabel"), 12}}}}},
        QJsonObject{{QStringLiteral("externalId"), QStringLiteral("two")},
                    {QStringLiteral("content"), QStringLiteral("https://example.com/two.jpg")}}};
    SandboxOptions options;
    options.loadFiles = {writeFile(folder, QStringLiteral("project.json"), project(assets))};
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    ASSERT_EQ(server.createdProjectIds().size(), 1);
    SandboxClient client(server);
    const HttpResult result = client.graphql(QStringLiteral(
        "query { data: assets(where: {}, first: 10, skip: 0) { externalId content status"
        " resolution { width height } labels { createdAt secondsToLabel author { email } } } }"));
    const QJsonArray page = result.data().toArray();
    ASSERT_EQ(page.size(), 2);
    const QJsonObject one = page.at(0).toObject();
    EXPECT_EQ(one.value(QLatin1String("status")).toString(), QStringLiteral("LABELED"));
    const QSize placeholder = imageSize(png.readAll());
    ASSERT_TRUE(placeholder.isValid());
    EXPECT_EQ(
        one.value(QLatin1String("resolution")).toObject().value(QLatin1String("width")).toInt(),
        placeholder.width());
    EXPECT_EQ(
        one.value(QLatin1String("resolution")).toObject().value(QLatin1String("height")).toInt(),
        placeholder.height());
    EXPECT_TRUE(page.at(1).toObject().value(QLatin1String("resolution")).isNull());
    const QJsonObject label = one.value(QLatin1String("labels")).toArray().first().toObject();
    EXPECT_EQ(label.value(QLatin1String("createdAt")).toString(),
              QStringLiteral("2024-02-03T04:05:06.789Z"));
    EXPECT_EQ(
        label.value(QLatin1String("author")).toObject().value(QLatin1String("email")).toString(),
        QStringLiteral("zoe@example.com"));
    EXPECT_EQ(
        client.get(QUrl(one.value(QLatin1String("content")).toString()), client.authorization())
            .status,
        200);
    EXPECT_EQ(page.at(1).toObject().value(QLatin1String("content")).toString(),
              QStringLiteral("https://example.com/two.jpg"));
}

TEST(SandboxLoader, ErrorsNameThePlace) {
    EXPECT_TRUE(loadError(QByteArrayLiteral("{\n  \"title\": \"x\",\n  oops\n}"))
                    .contains(QLatin1String("line 3")));
    const QJsonObject badType{
        {QStringLiteral("externalId"), QStringLiteral("a")},
        {QStringLiteral("content"), QStringLiteral("https://x/a.png")},
        {QStringLiteral("labels"),
         QJsonArray{QJsonObject{{QStringLiteral("labelType"), QStringLiteral("DEFAULT")},
                                {QStringLiteral("jsonResponse"), QJsonObject()}},
                    QJsonObject{{QStringLiteral("labelType"), QStringLiteral("GUESS")},
                                {QStringLiteral("jsonResponse"), QJsonObject()}}}}};
    const QString typeError = loadError(project({badType}));
    EXPECT_TRUE(typeError.contains(QLatin1String("assets[0].labels[1].labelType")))
        << typeError.toStdString();
    EXPECT_TRUE(typeError.contains(QLatin1String("GUESS")));

    const QJsonObject noModel{
        {QStringLiteral("externalId"), QStringLiteral("a")},
        {QStringLiteral("content"), QStringLiteral("https://x/a.png")},
        {QStringLiteral("labels"),
         QJsonArray{QJsonObject{{QStringLiteral("labelType"), QStringLiteral("PREDICTION")},
                                {QStringLiteral("jsonResponse"), QJsonObject()}}}}};
    EXPECT_TRUE(
        loadError(project({noModel})).contains(QLatin1String("assets[0].labels[0].modelName")));
    const QJsonObject missingFile{{QStringLiteral("externalId"), QStringLiteral("b")},
                                  {QStringLiteral("content"), QStringLiteral("nowhere.png")}};
    const QString fileError = loadError(
        project({QJsonObject{{QStringLiteral("externalId"), QStringLiteral("a")},
                             {QStringLiteral("content"), QStringLiteral("https://x/a.png")}},
                 missingFile}));
    EXPECT_TRUE(fileError.contains(QLatin1String("assets[1].content"))) << fileError.toStdString();
    const QJsonObject duplicate{{QStringLiteral("externalId"), QStringLiteral("a")},
                                {QStringLiteral("content"), QStringLiteral("https://x/a.png")}};
    EXPECT_TRUE(
        loadError(project({duplicate, duplicate})).contains(QLatin1String("assets[1].externalId")));
    EXPECT_TRUE(loadError(QByteArrayLiteral("{\"title\": \"t\", \"inputType\": \"SOUND\"}"))
                    .contains(QLatin1String("inputType")));
}

TEST(SandboxGenerator, RealisticMixOfEveryLabelType) {
    SandboxOptions options;
    options.generateAssets = 2000;
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);
    const QString project = server.createdProjectIds().constLast();
    const QJsonObject where{
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), project}}}};
    EXPECT_EQ(
        client
            .graphql(QStringLiteral("query($w: AssetWhere!) { data: countAssets(where: $w) }"),
                     {{QStringLiteral("w"), where}})
            .data()
            .toInt(),
        2000);
    for (const char* type : {"DEFAULT", "REVIEW", "PREDICTION", "INFERENCE", "AUTOSAVE"}) {
        QJsonObject labels = where;
        labels.insert(QStringLiteral("typeIn"), QJsonArray{QString::fromLatin1(type)});
        EXPECT_GT(
            client
                .graphql(QStringLiteral("query($w: LabelWhere!) { data: countLabels(where: $w) }"),
                         {{QStringLiteral("w"), labels}})
                .data()
                .toInt(),
            20)
            << type;
    }
    const HttpResult page =
        client.graphql(QStringLiteral("query($w: AssetWhere!) { data: assets(where: $w, first: "
                                      "100, skip: 1900) { content } }"),
                       {{QStringLiteral("w"), where}});
    ASSERT_EQ(page.data().toArray().size(), 100);
    const QUrl content(
        page.data().toArray().first().toObject().value(QLatin1String("content")).toString());
    EXPECT_EQ(client.get(content, client.authorization()).status, 200);
}

TEST(SandboxLoader, AFailedLoadLeavesNoProject) {
    QTemporaryDir folder;
    const QJsonObject good{{QStringLiteral("externalId"), QStringLiteral("a")},
                           {QStringLiteral("content"), QStringLiteral("https://x/a.png")}};
    SandboxOptions options;
    options.dbPath = folder.filePath(QStringLiteral("db.sqlite"));
    options.loadFiles = {writeFile(folder, QStringLiteral("good.json"), project({good})),
                         writeFile(folder, QStringLiteral("bad.json"), QByteArrayLiteral("{"))};
    {
        SandboxServer server(options);
        QString error;
        EXPECT_FALSE(server.start(&error));
        EXPECT_TRUE(error.contains(QLatin1String("bad.json"))) << error.toStdString();
    }
    options.loadFiles.clear();
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    EXPECT_EQ(server.projectIds().size(), 1); // good.json only
}

TEST(SandboxImageSize, ReadsPngAndJpegHeaders) {
    // A JPEG's size is in its start-of-frame segment, after any other segment (here an APP0).
    const QByteArray jpeg = QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000"
                                                "ffc0001108004000a003012200021101031101");
    EXPECT_EQ(imageSize(jpeg), QSize(160, 64));
    const QByteArray png = QByteArray::fromHex("89504e470d0a1a0a0000000d49484452"
                                               "0000028000000168080600000000");
    EXPECT_EQ(imageSize(png), QSize(640, 360));
    EXPECT_FALSE(imageSize(QByteArrayLiteral("GIF89a")).isValid());
    EXPECT_FALSE(imageSize(QByteArray::fromHex("ffd8ff")).isValid());
}

TEST(SandboxLoader, TheInterfaceIsServedInTheOrderItsAuthorWroteIt) {
    // Jobs and keys deliberately out of alphabetical order, the interface once as an object and
    // once JSON-encoded in a string.
    const QByteArray interface =
        R"({"jobs": {"Z_JOB": {"mlTask": "CLASSIFICATION", "required": 1, "isChild": false,
           "content": {"input": "radio", "categories": {"ZEBRA": {"name": "Zebra", "children": []},
           "ANT": {"name": "Ant", "children": []}}}},
           "A_JOB": {"mlTask": "CLASSIFICATION", "required": 0, "isChild": false,
           "content": {"input": "checkbox", "categories": {"X": {"name": "X", "children": []}}}}}})";
    const QByteArray compact = QJsonDocument::fromJson(interface).toJson(QJsonDocument::Compact);
    QByteArray encoded = QJsonDocument(QJsonArray{QString::fromUtf8(interface)}).toJson();
    encoded =
        encoded.mid(encoded.indexOf('"'), encoded.lastIndexOf('"') - encoded.indexOf('"') + 1);
    for (const QByteArray& given : {interface, encoded}) {
        QTemporaryDir folder;
        SandboxOptions options;
        options.loadFiles = {writeFile(
            folder, QStringLiteral("project.json"),
            R"({"title": "Ordered", "inputType": "IMAGE", "assets": [], "jsonInterface": )" + given
                + "}")};
        SandboxServer server(options);
        QString error;
        ASSERT_TRUE(server.start(&error)) << error.toStdString();
        SandboxClient client(server);
        const HttpResult result = client.graphql(QStringLiteral(
            "query { data: projects(where: {}, first: 10, skip: 0) { jsonInterface } }"));
        const QString text = result.data()
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QLatin1String("jsonInterface"))
                                 .toString();
        EXPECT_LT(text.indexOf(QStringLiteral("Z_JOB")), text.indexOf(QStringLiteral("A_JOB")))
            << "the jobs were reordered: " << text.toStdString();
        EXPECT_LT(text.indexOf(QStringLiteral("mlTask")), text.indexOf(QStringLiteral("content")))
            << text.toStdString();
        EXPECT_LT(text.indexOf(QStringLiteral("ZEBRA")), text.indexOf(QStringLiteral("ANT")));
        EXPECT_EQ(QJsonDocument::fromJson(text.toUtf8()).toJson(QJsonDocument::Compact), compact)
            << "the same interface, only in its own order";
    }
}

TEST(SandboxLoader, AnAssetIsCreatedBeforeItsLabels) {
    QTemporaryDir folder;
    const QJsonArray assets{
        QJsonObject{
            {QStringLiteral("externalId"), QStringLiteral("labelled")},
            {QStringLiteral("content"), QStringLiteral("https://example.com/a.jpg")},
            {QStringLiteral("labels"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("labelType"), QStringLiteral("DEFAULT")},
                 {QStringLiteral("jsonResponse"), QJsonObject()},
                 {QStringLiteral("createdAt"), QStringLiteral("2024-02-03T04:05:06.789Z")}}}}},
        QJsonObject{{QStringLiteral("externalId"), QStringLiteral("dated")},
                    {QStringLiteral("content"), QStringLiteral("https://example.com/b.jpg")},
                    {QStringLiteral("createdAt"), QStringLiteral("2023-05-06T07:08:09.000Z")}}};
    SandboxOptions options;
    options.loadFiles = {writeFile(folder, QStringLiteral("project.json"), project(assets))};
    SandboxServer server(options);
    QString error;
    ASSERT_TRUE(server.start(&error)) << error.toStdString();
    SandboxClient client(server);
    const QJsonArray page =
        client
            .graphql(QStringLiteral("query { data: assets(where: {}, first: 10, skip: 0) { "
                                    "externalId createdAt labels { createdAt } } }"))
            .data()
            .toArray();
    ASSERT_EQ(page.size(), 2);
    const QJsonObject labelled = page.at(0).toObject();
    const QDateTime asset = QDateTime::fromString(
        labelled.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    const QDateTime label = QDateTime::fromString(labelled.value(QLatin1String("labels"))
                                                      .toArray()
                                                      .first()[QLatin1String("createdAt")]
                                                      .toString(),
                                                  Qt::ISODateWithMs);
    ASSERT_TRUE(asset.isValid() && label.isValid());
    EXPECT_LT(asset, label) << "the asset is dated after its own label";
    EXPECT_EQ(page.at(1).toObject().value(QLatin1String("createdAt")).toString(),
              QStringLiteral("2023-05-06T07:08:09.000Z"))
        << "an asset's own createdAt is kept";
}

#include "predictions/vocreader.h"

#include <QFile>
#include <QFileInfo>
#include <cmath>

namespace kili::predictions {

namespace {
// The number in an element's text, or -1 when it is not one.
double number(QXmlStreamReader& xml) {
    bool ok = false;
    const double value = xml.readElementText().trimmed().toDouble(&ok);
    return ok && std::isfinite(value) ? value : -1;
}
} // namespace

VocReader::VocReader(const JobRule& job, CategoryResolver categories)
    : m_resolver(std::move(categories))
    , m_builder(job.displayName) {}

void VocReader::readObject(QXmlStreamReader& xml, Object& object) {
    object.line = xml.lineNumber();
    while (xml.readNextStartElement()) {
        const QStringView tag = xml.name();
        if (tag == QLatin1String("name")) {
            object.name = xml.readElementText().trimmed();
        } else if (tag == QLatin1String("score") || tag == QLatin1String("confidence")) {
            object.score = number(xml);
        } else if (tag == QLatin1String("bndbox")) {
            while (xml.readNextStartElement()) {
                const QStringView side = xml.name();
                const int index = side == QLatin1String("xmin")   ? 0
                                  : side == QLatin1String("ymin") ? 1
                                  : side == QLatin1String("xmax") ? 2
                                  : side == QLatin1String("ymax") ? 3
                                                                  : -1;
                if (index < 0)
                    xml.skipCurrentElement();
                else
                    object.box[index] = number(xml);
            }
        } else {
            xml.skipCurrentElement();
        }
    }
}

bool VocReader::parse(QXmlStreamReader& xml, Image& image) {
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("annotation"))
        return false;
    while (xml.readNextStartElement()) {
        const QStringView tag = xml.name();
        if (tag == QLatin1String("filename")) {
            image.fileName = xml.readElementText().trimmed();
        } else if (tag == QLatin1String("size")) {
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("width"))
                    image.width = number(xml);
                else if (xml.name() == QLatin1String("height"))
                    image.height = number(xml);
                else
                    xml.skipCurrentElement();
            }
        } else if (tag == QLatin1String("object")) {
            image.objects.emplace_back();
            readObject(xml, image.objects.back());
        } else {
            xml.skipCurrentElement();
        }
    }
    return !xml.hasError();
}

QString VocReader::addObject(const Object& object, const Image& image) {
    const std::optional<QString> key = m_resolver.resolve(object.name);
    if (!key)
        return object.name.isEmpty() ? QStringLiteral("the object has no <name>")
                                     : m_resolver.unmatchedMessage(object.name);
    const double* box = object.box;
    if (box[0] < 0 || box[1] < 0 || box[2] < box[0] || box[3] < box[1])
        return QStringLiteral("the object's <bndbox> needs xmin ≤ xmax and ymin ≤ ymax, in pixels "
                              "from 0");
    if (box[2] > image.width || box[3] > image.height)
        return QStringLiteral("the <bndbox> (%1, %2)–(%3, %4) reaches outside the image of %5 × "
                              "%6 pixels")
            .arg(box[0])
            .arg(box[1])
            .arg(box[2])
            .arg(box[3])
            .arg(image.width)
            .arg(image.height);
    const int confidence = object.score < 0 ? 100 : int(std::lround(object.score * 100));
    m_builder.addRectangle(box[0] / image.width, box[1] / image.height, box[2] / image.width,
                           box[3] / image.height, *key, confidence);
    return {};
}

void VocReader::read(const QString& path, ReadSink& sink) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        sink.onProblem(readProblem({path, 0, {}}, cannotOpenMessage(file.errorString())));
        return;
    }
    QXmlStreamReader xml(&file);
    Image image;
    if (!parse(xml, image)) {
        sink.onProblem(readProblem(
            {path, xml.lineNumber(), {}},
            xml.hasError() ? QStringLiteral("the file is not valid XML (%1)").arg(xml.errorString())
                           : QStringLiteral("the file is not a Pascal VOC <annotation>")));
        return;
    }
    PredictionItem item;
    item.externalId =
        QFileInfo(image.fileName.isEmpty() ? path : image.fileName).completeBaseName();
    item.source = {path, 0, {}};
    if (image.objects.empty()) {
        sink.onProblem(readProblem(item.source,
                                   noPredictionMessage(QStringLiteral("it has no <object>")),
                                   item.externalId));
        return;
    }
    if (image.width <= 0 || image.height <= 0) {
        sink.onProblem(readProblem(item.source,
                                   QStringLiteral("the image's <size> has no <width> and "
                                                  "<height> in pixels, so its boxes cannot be "
                                                  "placed; add them"),
                                   item.externalId));
        return;
    }
    m_builder.clear();
    bool broken = false;
    for (const Object& object : image.objects) {
        const QString problem = addObject(object, image);
        if (!problem.isEmpty()) {
            sink.onProblem(readProblem({path, object.line, {}}, problem, item.externalId));
            broken = true;
        }
    }
    if (broken)
        return; // a partial set of boxes would look complete on the server
    m_builder.send(std::move(item), sink);
}

} // namespace kili::predictions

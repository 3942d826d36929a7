// `voc`: Pascal VOC XML, one file per image (`<annotation>` with `<filename>`, `<size>` and
// `<object>`s of `<name>` and a `<bndbox>` in pixels, optional `<score>` or `<confidence>`).
// The asset is the one whose external id is `<filename>` without extension, else the XML file's
// name; each box becomes a rectangle of the target job, divided by `<size>`, and class names
// match the job's categories as CategoryResolver says. Read with QXmlStreamReader.
#pragma once

#include "predictions/categoryresolver.h"
#include "predictions/predictionreader.h"
#include "predictions/responsebuilder.h"

#include <QXmlStreamReader>

namespace kili::predictions {

class VocReader : public PredictionReader {
public:
    VocReader(const JobRule& job, CategoryResolver categories);
    void read(const QString& path, ReadSink& sink) override;

private:
    struct Object {
        QString name;
        double box[4] = {-1, -1, -1, -1}; // xmin ymin xmax ymax
        double score = -1;
        qint64 line = 0;
    };
    struct Image {
        QString fileName;
        double width = 0;
        double height = 0;
        std::vector<Object> objects;
    };
    bool parse(QXmlStreamReader& xml, Image& image);
    void readObject(QXmlStreamReader& xml, Object& object);
    QString addObject(const Object& object, const Image& image);

    CategoryResolver m_resolver;
    ResponseBuilder m_builder;
};

} // namespace kili::predictions

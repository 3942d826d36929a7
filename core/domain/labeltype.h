#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace kili {

// The type of a label as the server names it. A value this client does not know is kept with its
// original text, so a newer server's label types survive a round trip and can still be shown.
class LabelType {
public:
    enum Kind { Default, Prediction, Review, Inference, Autosave, Unknown };

    LabelType() = default;
    LabelType(
        Kind kind); // NOLINT(google-explicit-constructor): LabelType t = LabelType::Prediction

    static LabelType fromString(QStringView text);
    // The five values of the LabelType enum of the API, in the order of kili-api.md.
    static QList<LabelType> known();

    Kind kind() const { return m_kind; }
    // The API's spelling (DEFAULT, PREDICTION…); the original text for Unknown.
    QString toString() const;
    bool isKnown() const { return m_kind != Unknown; }
    // A person's label (DEFAULT or REVIEW), as opposed to a model's or an unfinished one.
    bool isHuman() const { return m_kind == Default || m_kind == Review; }

    friend bool operator==(const LabelType& a, const LabelType& b) {
        return a.m_kind == b.m_kind && (a.m_kind != Unknown || a.m_unknownText == b.m_unknownText);
    }

private:
    Kind m_kind = Default;
    QString m_unknownText;
};

} // namespace kili

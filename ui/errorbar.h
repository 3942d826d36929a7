// A non-modal bar above the content for errors: says what failed and offers Retry (when the
// failure can be retried) and Dismiss. A new error replaces the old one instead of stacking.
#pragma once

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;

namespace kili::ui {

class ErrorBar : public QWidget {
    Q_OBJECT
public:
    explicit ErrorBar(QWidget* parent = nullptr);

    // retry empty: no Retry button.
    void showError(const QString& message, std::function<void()> retry = {});
    QString message() const;
    bool canRetry() const { return static_cast<bool>(m_retry); }

public Q_SLOTS:
    void retry();
    void dismiss();

private:
    QLabel* m_text;
    QPushButton* m_retryButton;
    std::function<void()> m_retry;
};

} // namespace kili::ui

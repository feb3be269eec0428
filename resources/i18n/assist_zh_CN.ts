<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Composer</name>
    <message>
        <location filename="../../assist/ui/composer.py" line="134"/>
        <source>Typed by you</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="136"/>
        <source>From draft %1 (%2)</source>
        <translation>来自草稿 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="140"/>
        <source>unchanged</source>
        <translation>未修改</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/composer.py" line="143"/>
        <source>edited %n character(s)</source>
        <translation>
            <numerusform>修改了 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="147"/>
        <source>Write a reply, or insert a draft with Alt+1, Alt+2, Alt+3</source>
        <translation>输入回复，或用 Alt+1、Alt+2、Alt+3 插入草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="148"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="149"/>
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>发送回复（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="150"/>
        <source>Ctrl+Enter to send · Esc to clear</source>
        <translation>Ctrl+Enter 发送 · Esc 清空</translation>
    </message>
</context>
<context>
    <name>ConversationInfo</name>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="52"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="54"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="60"/>
        <source>answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="63"/>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="65"/>
        <source>Name</source>
        <translation>称呼</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="66"/>
        <source>Conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="67"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="68"/>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="69"/>
        <source>Waiting</source>
        <translation>等待时长</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../assist/ui/conversation_view.py" line="63"/>
        <source>Select a conversation in the queue</source>
        <translation>请在左侧队列中选择一个会话</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/conversation_view.py" line="91"/>
        <source>… (%n more characters)</source>
        <translation>
            <numerusform>……（还有 %n 个字符）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DebugView</name>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="57"/>
        <source>Responsiveness</source>
        <translation>响应速度</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="59"/>
        <source>Event-loop lag p50 / p99</source>
        <translation>事件循环延迟 p50 / p99</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="60"/>
        <source>Event-loop lag, worst</source>
        <translation>事件循环最大延迟</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="61"/>
        <source>Message to intents p50 / p95</source>
        <translation>消息到意图 p50 / p95</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="62"/>
        <source>Message to first draft p50 / p95</source>
        <translation>消息到首条草稿 p50 / p95</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="63"/>
        <source>Message to all drafts p50 / p95</source>
        <translation>消息到全部草稿 p50 / p95</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="64"/>
        <source>Messages waiting for the intent model</source>
        <translation>等待意图模型的消息</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="65"/>
        <source>Database writes queued</source>
        <translation>排队中的数据库写入</translation>
    </message>
</context>
<context>
    <name>DeskSession</name>
    <message>
        <location filename="../../assist/ui/session.py" line="200"/>
        <source>intent model</source>
        <translation>意图模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="202"/>
        <source>draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="209"/>
        <source>Training the %1 failed: %2</source>
        <translation>%1训练失败：%2</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="215"/>
        <source>Training the %1: %p%</source>
        <translation>正在训练%1：%p%</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="305"/>
        <source>The new database URL applies when the desk restarts</source>
        <translation>新的数据库地址将在重启工作台后生效</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="344"/>
        <source>About Assist</source>
        <translation>关于 Assist</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="106"/>
        <source>Intents %1 · Drafts %2</source>
        <translation>意图 %1 · 草稿 %2</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="107"/>
        <location filename="../../assist/ui/status_bar.py" line="108"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="112"/>
        <location filename="../../assist/ui/status_bar.py" line="116"/>
        <source>Ingest off</source>
        <translation>接入已关闭</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="116"/>
        <source>Ingest %1</source>
        <translation>接入 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="122"/>
        <source>Outbox: %n waiting (webhook down)</source>
        <translation>
            <numerusform>发件箱：%n 条待发送（Webhook 不可用）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="125"/>
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>发件箱：%n 条待发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="129"/>
        <source>Storage: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="129"/>
        <source>problem</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="131"/>
        <source>Storage: OK</source>
        <translation>存储：正常</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="144"/>
        <source>Intents %1 ms · first draft %2 ms</source>
        <translation>意图 %1 毫秒 · 首条草稿 %2 毫秒</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../assist/ui/main_window.py" line="194"/>
        <location filename="../../assist/ui/main_window.py" line="221"/>
        <source>No conversation selected</source>
        <translation>未选择会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="199"/>
        <source>Assist — agent desk</source>
        <translation>Assist — 客服工作台</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="200"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="201"/>
        <source>&amp;Conversation</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="202"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="203"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="205"/>
        <source>Insert draft %1</source>
        <translation>插入草稿 %1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="206"/>
        <source>Next conversation</source>
        <translation>下一个会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="207"/>
        <source>Previous conversation</source>
        <translation>上一个会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="208"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="209"/>
        <source>Mark handled</source>
        <translation>标记为已处理</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="210"/>
        <source>Close the conversation and log the handling time (Ctrl+W)</source>
        <translation>关闭会话并记录处理时长（Ctrl+W）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="211"/>
        <source>Go to queue</source>
        <translation>转到队列</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="212"/>
        <source>Go to reply box</source>
        <translation>转到回复框</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="213"/>
        <source>Correct intent…</source>
        <translation>更正意图…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="214"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="215"/>
        <source>Supervisor console</source>
        <translation>主管控制台</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="216"/>
        <source>Responsiveness</source>
        <translation>响应速度</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="217"/>
        <source>Event-loop lag and pipeline latencies</source>
        <translation>事件循环延迟与处理耗时</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="218"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="219"/>
        <source>About Assist</source>
        <translation>关于 Assist</translation>
    </message>
</context>
<context>
    <name>DraftCard</name>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="115"/>
        <source>writing…</source>
        <translation>生成中…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="117"/>
        <source>Fill in: %1</source>
        <translation>待填写：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="146"/>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="148"/>
        <source>Put this draft into the reply box (Alt+%1)</source>
        <translation>将此草稿放入回复框（Alt+%1）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="150"/>
        <source>Dismiss this draft</source>
        <translation>忽略此草稿</translation>
    </message>
</context>
<context>
    <name>DraftsPanel</name>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="228"/>
        <source>Drafts appear here for the selected conversation</source>
        <translation>所选会话的回复草稿将显示在这里</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="230"/>
        <source>Preparing drafts…</source>
        <translation>正在准备草稿…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="232"/>
        <source>Some drafts are unavailable: %1</source>
        <translation>部分草稿不可用：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="234"/>
        <source>No drafts for this message</source>
        <translation>此消息暂无草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="240"/>
        <source>Drafts</source>
        <translation>回复草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="241"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="242"/>
        <source>Ask for new drafts (Ctrl+R)</source>
        <translation>重新生成草稿（Ctrl+R）</translation>
    </message>
</context>
<context>
    <name>IntentPanel</name>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="152"/>
        <source>Corrected to: %1</source>
        <translation>已更正为：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="179"/>
        <source>Choose another intent…</source>
        <translation>选择其他意图…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="185"/>
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="186"/>
        <source>Unsure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="187"/>
        <source>The message fits none of the known intents well</source>
        <translation>该消息与已知意图都不太匹配</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="188"/>
        <source>Waiting for a customer message</source>
        <translation>等待顾客消息</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="189"/>
        <source>Correct the intent: the drafts follow it</source>
        <translation>更正意图：草稿会随之更新</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../assist/ui/labels.py" line="25"/>
        <source>No intent</source>
        <translation>无意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="35"/>
        <source>Library</source>
        <translation>话术库</translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="36"/>
        <source>Retrieved</source>
        <translation>历史回复</translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="37"/>
        <source>Generated</source>
        <translation>模型生成</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="46"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="48"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="49"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QCoreApplication.self.window</name>
    <message>
        <location filename="../../assist/ui/session.py" line="346"/>
        <source>Assist: intents and reply drafts for customer service, learning from every reply.</source>
        <translation>Assist：为客服提供意图识别与回复草稿，并从每一次回复中学习。</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../assist/ui/queue_view.py" line="150"/>
        <source>Unsure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location filename="../../assist/ui/queue_view.py" line="153"/>
        <source>Queue</source>
        <translation>会话队列</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/queue_view.py" line="167"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个待回复</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="102"/>
        <source>Model directory</source>
        <translation>模型目录</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="133"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="135"/>
        <source>Agent name</source>
        <translation>客服名称</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="136"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="137"/>
        <source>Database URL</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="138"/>
        <source>Intent model</source>
        <translation>意图模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="139"/>
        <source>Draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="140"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="141"/>
        <source>Ingest port</source>
        <translation>接入端口</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="142"/>
        <source>Ingest token</source>
        <translation>接入令牌</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="143"/>
        <source>Outbound webhook</source>
        <translation>外发 Webhook</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="147"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="148"/>
        <source>empty: the built-in SQLite file</source>
        <translation>留空：使用内置 SQLite 文件</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="149"/>
        <location filename="../../assist/ui/settings_dialog.py" line="150"/>
        <source>empty: the active model in the registry</source>
        <translation>留空：使用模型库中的当前版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="151"/>
        <source>empty: replies stay in the local outbox</source>
        <translation>留空：回复保存在本地发件箱</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="154"/>
        <source>Agent name, language, models, device, ingest and webhook apply at once; a new database URL applies when the desk restarts.</source>
        <translation>客服名称、语言、模型、设备、接入和 Webhook 立即生效；新的数据库地址在重启工作台后生效。</translation>
    </message>
</context>
</TS>

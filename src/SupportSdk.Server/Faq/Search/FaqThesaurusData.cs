namespace SupportSdk.Server.Faq;

/// <summary>
/// General help-center vocabulary for a crypto exchange (English + Simplified Chinese).
/// "a | b | c" is a group of near-synonyms (each expands to the others);
/// "a | b => c | d" rewrites colloquial wording into help-center wording: the matched words are searched as c | d
/// only ("sits there" means pending, not the word "sit"). "a | b +> c | d" adds c | d and keeps searching the
/// words themselves (a coin name is also a coin: "usdt +> crypto").
/// Matching is done on analyzed terms (stemmed English, stopwords kept inside phrases; CJK as substrings).
/// </summary>
internal static class FaqThesaurusData
{
    public const string Rules = """
        # --- money movement ---
        withdraw | withdrawal | withdrawn | cash out | payout | 提现 | 提币 | 出金 | 取款
        take out | take money out | get my money out | money out | move out | 取出 | 提出来 | 转出来 => withdraw | 提币 | 提现
        deposit | top up | topup | fund my account | 充值 | 充币 | 存款 | 入金 | 充钱
        冲值 | 冲币 | 冲钱 => 充值 | 充币
        money | funds | balance | assets | cash | 资金 | 余额 | 资产 | 钱
        coin | coins | crypto | token | tokens | cryptocurrency | 币 | 加密货币 | 代币
        usdt | usdc | btc | eth | tether | bitcoin +> crypto | coin | 币
        transfer between wallets | internal transfer | move funds | move money | 划转 | 内部转账
        send | sent | 转账 | 转出 | 发送
        received | receive | arrive | arrived | credited | showed up | show up | 到账 | 收到 | 入账
        not received | not arrived | never arrived | never received | not credited | still nothing | nothing arrived | missing | not showing | not show | not there | not in my account | never showed | never came | never comes | didn't come | where is my | disappeared | vanished | gone | didn't arrive | hasn't arrived | haven't received | 未到账 | 没到账 | 不到账 | 没收到 | 收不到 | 到不了 | 没到 | 还没到 | 不见了 | 看不到 | 没看到 | 没显示 | 不显示 => not credited | arrived | 到账
        pending | processing | under review | in review | on hold | stuck | 处理中 | 审核中 | 待处理 | 卡住
        sits there | sitting there | sit there | sat there | stuck | hanging | not moving | hasn't moved | nothing happens | nothing happened | still waiting | waiting forever | for ages | 卡住 | 卡着 | 卡在 | 卡了 | 没动静 | 没反应 | 一直没 | 迟迟 => pending | processing | delay | not filled | 处理中 | 审核中 | 延迟 | 迟迟 | 不成交
        delay | delayed | slow | late | congestion | 延迟 | 很慢 | 拥堵
        taking long | takes forever | taking ages | taking forever | so slow | 好慢 | 太慢 | 半天 => delay | slow | 延迟
        how long does it take | how long will it take | how long does | how long will | how long | how much time | 多久 | 要多久 | 要等多久 | 多长时间 | 多少时间 => how long | processing time | 多长时间
        fee | fees | charge | charges | commission | cost | rate | 手续费 | 费用 | 费率
        cheaper | discount | rebate | lower fee | 优惠 | 折扣 | 返佣 +> fee | vip | maker
        limit | limits | quota | cap | maximum | max | 限额 | 额度 | 上限
        minimum | min | at least | too small | too little | 最小 | 最低 | 起步
        # --- networks / addresses ---
        network | chain | blockchain | 网络 | 链 | 公链 | 主网
        erc20 | bep20 | trc20 | bep2 | bsc | arbitrum | polygon | solana | tron +> network | 网络
        wrong network | wrong chain | different network | wrong blockchain | 选错网络 | 错网络 | 转错链 | 错链 | 充错链 | 网络选错
        wrong address | incorrect address | mistyped address | pasted the wrong | typo in address | 地址填错 | 填错地址 | 错地址 | 转错地址 | 地址错
        get back | get it back | recover | recovery | retrieve | refund | return | 找回 | 追回 | 退回 | 退款 | 能找回
        memo | tag | destination tag | payment id | 备注 | 标签
        address | wallet address | 地址
        where i live | where you live | home address | residential address | residence | 住址 | 居住地 | 住在哪 => address | proof of address | 地址证明
        whitelist | allowlist | address book | trusted address | 白名单 | 地址簿
        confirmation | confirmations | block confirmation | 确认数 | 区块确认
        txid | transaction hash | tx hash | hash | transaction id | 哈希 | 交易哈希
        # --- fiat / cards ---
        fiat | bank transfer | wire | sepa | swift | 法币 | 银行转账 | 电汇
        bank | bank account | 银行 | 银行账户
        card | credit card | debit card | visa | mastercard | 银行卡 | 信用卡
        buy crypto | buy coins | purchase | 买币 | 购买
        charged | debited | deducted | bank took | 扣款 | 扣钱 | 被扣 +> payment | card | 付款
        payment | pay | paid | 付款 | 支付 | 打款
        # --- trading ---
        trade | trades | trading | 交易 | 买卖
        order | orders | 订单 | 委托 | 下单
        position | positions | 仓位 | 持仓
        closed my trade | closed my position | closed trade | close position | position closed | force close | forced close | wiped out | margin call | lost everything | 爆仓 | 强平 | 强制平仓 | 被平仓 => liquidation | liquidated | 强平
        liquidation | liquidated | 强平 | 爆仓
        cancel | cancelled | revoke | undo | withdraw order | 撤销 | 取消 | 撤单
        open order | open orders | resting order | pending order | 挂单 | 未成交
        resting order | resting orders | provide liquidity | passive order => maker | 挂单
        maker | 挂单方 | 做市
        taker | 吃单 | 吃单方
        partial fill | partially filled | only got some | only get some | got less | received less | not fully filled | half filled | 部分成交 | 只成交了一部分 => partial | partially filled | 部分成交
        filled | executed | fill | execute | 成交
        rejected | failed | declined | refused | denied | 被拒 | 拒绝 | 失败 | 没通过 | 未通过
        limit order | 限价单 | 限价
        market order | 市价单 | 市价
        stop limit | stop-limit | stop loss | stop-loss | 止损 | 止损限价 | 止盈止损
        precision | decimals | decimal places | tick size | step size | 精度 | 小数位
        delist | delisting | delisted | removed from trading | 下架 | 下线 | 退市
        trading pair | pair | market | 交易对
        convert | swap | exchange coins | quick buy | 闪兑 | 兑换 | 换币
        spread | slippage | price difference | worse price | bad price | 点差 | 滑点 | 价差 | 差价
        market price | 行情 | 市场价 | 市价
        margin | leverage | borrow | loan | 杠杆 | 保证金 | 借币
        futures | perpetual | perp | contract | derivatives | 合约 | 永续
        funding fee | funding rate | 资金费用 | 资金费率
        wallet | 钱包 | 账户
        p2p | peer to peer | c2c | otc | 点对点 | 场外 | 法币交易
        seller | buyer | merchant | counterparty | 卖家 | 买家 | 商家 | 对方
        release | released | release coins | 放币 | 释放
        not release | won't release | didn't release | not releasing | never released | 不放币 | 未放币 | 没放币 | 不给币 => dispute | appeal | 申诉
        dispute | appeal | 申诉 | 纠纷
        escrow | 托管
        # --- account ---
        account | profile | 账户 | 账号 | 户口
        delete account | close account | close my account | deactivate | terminate account | remove account | shut down | 注销 | 销户 | 关闭账户 | 删除账户 | 关闭账号 => close | delete | 注销
        for good | permanently | forever | 永久 +> close | delete | 注销
        sign up | signup | register | registration | create account | open account | new account | 注册 | 开户
        login | log in | sign in | signin | logon | 登录 | 登陆
        can't log in | cannot log in | unable to log in | locked out | 登不上 | 无法登录 | 登录不了 => locked | login | 登录
        password | passcode | pwd | 密码 | 登录密码
        forgot | forgotten | lost +> reset | recover | 重置 | 找回
        change | update | replace | switch | 修改 | 更换 | 更改 | 换绑
        phone | mobile | cell | phone number | mobile number | 手机 | 手机号
        new phone | changed phone | lost phone | broken phone | phone broke | old phone | stolen phone | 换手机 | 手机丢失 | 新手机 | 手机坏了 | 丢手机 | 手机丢了 => lost phone | 手机丢失
        email | e-mail | mail | inbox | 邮件 | 邮箱
        verification code | otp | sms code | security code | 验证码 | 短信验证码
        2fa | two factor | two-factor | google authenticator | authenticator | authenticator app | code generator | totp | 谷歌验证器 | 谷歌验证 | 二次验证 | 双重验证 | 动态口令 | 动态验证码 | 身份验证器 | 验证器
        frozen | locked | suspended | blocked | disabled | restricted | banned | freeze | 冻结 | 锁定 | 封号 | 被封 | 限制
        can't use | cannot use | can't access | not working | doesn't work | 用不了 | 不能用 | 无法使用 | 登不进 | 进不去 => locked | frozen | restricted | 冻结 | 锁定
        hacked | compromised | stolen | account stolen | unauthorized | 被盗 | 盗号 | 被黑 | 号被盗
        stole | steal | stealing | robbed | drained | emptied | took my | someone else | not me | wasn't me | didn't make | 偷 | 被偷 | 盗走 | 被转走 | 不是我 => hacked | compromised | unauthorized | 被盗
        suspicious login | unknown login | unrecognized login | someone logged in | logged in from | login alert | new device | 异常登录 | 登录提醒 | 陌生设备
        device | devices | 设备
        # --- identity ---
        kyc | identity verification | id verification | verify identity | verify my identity | identity | 身份认证 | 实名认证 | 实名 | 认证 | 身份验证
        verification | verify | verified | 认证 | 验证
        document | documents | id | id card | passport | driver license | driving licence | 证件 | 身份证 | 护照 | 材料 | 证明材料
        proof of address | utility bill | address proof | 地址证明 | 住址证明 | 水电费账单
        level | tier | 等级 | 级别
        selfie | face | liveness | 人脸 | 自拍
        # --- security ---
        scam | fraud | scammer | fake | 诈骗 | 骗子 | 骗局 | 被骗
        claiming to be | pretending | pretend | impersonate | impersonating | posing as | fake support | 冒充 | 假冒 | 自称 => impersonation | scam | 冒充 | 诈骗
        official | legit | legitimate | genuine | 官方 | 真假 | 正规
        phishing | fake website | fake site | lookalike | 钓鱼 | 钓鱼网站 | 仿冒
        anti-phishing code | antiphishing | 防钓鱼码
        seed phrase | mnemonic | recovery phrase | private key | 助记词 | 私钥
        api key | api keys | secret key | 密钥 | api密钥
        leaked | exposed | leak | 泄露 | 泄漏 | 外泄
        telegram | whatsapp | discord | twitter | social media | dm | direct message | messaged | 社交媒体 | 私信
        # --- support ---
        support | customer service | customer support | helpdesk | help desk | agent | staff | service team | 客服 | 人工客服 | 人工
        real person | human | live agent | human agent | 真人 | 转人工 => support | live chat | agent | 人工客服 | 客服
        contact | reach | talk to | speak to | 联系 | 找客服
        live chat | chat | online chat | 在线客服 | 聊天 | 在线聊天
        transcript | chat history | chat log | conversation | chat record | 聊天记录 | 对话记录
        ticket | request | case | 工单
        reply | response | answer | respond | 回复 | 答复 | 回应
        complaint | complain | escalate | escalation | 投诉 | 升级处理 | 举报
        language | languages | 语言
        opening hours | working hours | service hours | business hours | 服务时间 | 工作时间
        # --- records / tax ---
        statement | statements | account statement | proof of funds | proof of balance | proof of holdings | 对账单 | 资产证明 | 资金证明
        holdings | 持有 | 持仓证明 => balance | assets | proof of funds
        mortgage | visa application | loan application | bank requires => proof of funds | statement
        tax | taxes | tax report | capital gains | 税务 | 纳税 | 报税 | 税
        history | transaction history | records | record | 记录 | 历史 | 明细 | 流水
        trade history | order history | 成交记录 | 交易记录 | 历史订单
        export | download | 导出 | 下载
        csv | excel | spreadsheet | 表格
        referral | invite | invitation | referral code | 邀请 | 邀请码 | 推荐码
        """;
}
